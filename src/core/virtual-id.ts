/** `import x from 'virtual:api/<name>'`: the only public id; every bundler sees this spelling. */
export const VIRTUAL_PREFIX = 'virtual:api/'
/** The resolved id: `\0` keeps other plugins and file loaders away from it (Rollup convention). */
export const RESOLVED_PREFIX = `\0${VIRTUAL_PREFIX}`

export const VIRTUAL_ID_FILTER = /^virtual:api\//
/** rspack hands importers as `/\0virtual:api/<name>`; accept the leading slash. */
export const RESOLVED_ID_FILTER = /^\/?\0virtual:api\//

export function asVirtualId(name: string): string {
  return `${VIRTUAL_PREFIX}${name}`
}

export function asResolvedId(name: string): string {
  return `${RESOLVED_PREFIX}${name}`
}

/** The API name inside a public or resolved id, or undefined for any other id. */
export function getApiName(id: string): string | undefined {
  const bare = id.replace(/^\/?\0/, '').split('?')[0] ?? ''
  return bare.startsWith(VIRTUAL_PREFIX) ? bare.slice(VIRTUAL_PREFIX.length) : undefined
}

/** Allowed API names: they become module ids and file names. */
export const API_NAME = /^[A-Za-z0-9][\w.-]*$/

/** True when `importer` is one of our modules (rspack prefixes a `/`). */
export function isVirtualImporter(importer: string | undefined): boolean {
  return importer !== undefined && RESOLVED_ID_FILTER.test(importer)
}

/** What `resolveId` looks at: our ids, and the runtime imports made from inside them. */
export const RESOLVE_FILTER = /^(?:virtual:api\/|@codomyrmex\/networking\/(?:runtime|runtime\/internal|mock)$)/

/** `virtual:api/<name>/mocks`: msw handlers generated from the same document. */
export const MOCKS_SUFFIX = '/mocks'

/** Splits an API name from getApiName into the API and whether its mocks module is meant. */
export function splitMocks(name: string): { api: string; mocks: boolean } {
  return name.endsWith(MOCKS_SUFFIX) ? { api: name.slice(0, -MOCKS_SUFFIX.length), mocks: true } : { api: name, mocks: false }
}

/** `virtual:api/<name>/query`: TanStack Query options over the API's operations. */
export const QUERY_SUFFIX = '/query'

/** Splits an API name from getApiName into the API and which of its modules is meant. */
export function splitModule(name: string): { api: string; module: 'client' | 'mocks' | 'query' } {
  if (name.endsWith(QUERY_SUFFIX)) return { api: name.slice(0, -QUERY_SUFFIX.length), module: 'query' }
  const { api, mocks } = splitMocks(name)
  return { api, module: mocks ? 'mocks' : 'client' }
}
