import { RequestError } from '../errors/request-error'
import type { ServerDef } from './types'

/** A server URL with its `{variables}` filled from overrides, else the document's defaults. */
export function serverUrl(server: ServerDef, overrides?: Record<string, string>): string {
  let url = server.url.replace(/\{([^}]+)\}/g, (whole, name: string) => {
    const variable = server.variables?.[name]
    const value = overrides?.[name]
    // An enum is the document's list of valid values: a typo should fail here, not reach another host.
    if (value !== undefined && variable?.enum && !variable.enum.includes(value)) {
      throw new RequestError(`server variable "${name}" is "${value}", not one of ${variable.enum.join(', ')} (server ${server.url})`, { code: 'ERR_SERVER_VARIABLE' })
    }
    return value ?? variable?.default ?? whole
  })
  // A relative server URL (`/v1`) is relative to the page in browsers; elsewhere it needs baseUrl.
  const location = (globalThis as { location?: { href?: string } }).location?.href
  if (!/^[a-z][a-z\d+.-]*:\/\//i.test(url) && location) url = new URL(url, location).href
  return url
}
