/**
 * The call option carrying the next page's URL (link style): `paginate()` sets it, the generated
 * operation (api/create-api) sends to it instead of the URL built from the input. A symbol, so it
 * is no public option and survives the spreads of a manager's wrappers.
 */
export const PAGE_URL: unique symbol = /* @__PURE__ */ Symbol.for('@codomyrmex/networking.pageUrl')
