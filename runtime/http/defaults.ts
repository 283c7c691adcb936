/** The client's defaults in one place (documented on the options in `types.ts`). */
export const DEFAULT_TIMEOUT = 30_000
export const DEFAULT_MAX_ERROR_BODY = 65_536
