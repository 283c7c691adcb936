import { RequestError } from '../errors/request-error'
import { need } from './need'
import type { OperationParts, ServerDef } from './types'
import { parses } from '../http/url'

const ABSOLUTE = /^[a-z][a-z\d+.-]*:\/\//i

/**
 * The server an operation uses: the first of its list (its own, its path's, else the document's),
 * or the one `choice` names by index or description. A choice the list lacks is refused rather
 * than falling back: a call meant for staging must not reach production.
 */
export function pickServer(servers: readonly ServerDef[] | undefined, choice: number | string | undefined, where: string): ServerDef | undefined {
  if (choice === undefined) return servers?.[0]
  const found = servers?.find((s, i) => i === choice || s.description === choice)
  if (!found)
    throw new RequestError(
      `${where}: no server ${JSON.stringify(choice)} (index or description) among this operation's ${servers?.length ?? 0}; pass baseUrl instead`,
      { code: 'ERR_SERVER' },
    )
  return found
}

/**
 * A server URL with its `{variables}` filled from overrides, else the document's defaults (an
 * enum value outside the list is refused). With `where`, an absolute URL that does not parse
 * (`https://`) is refused: joined with a path it would turn the path into a host name
 * (`https:///pets` is `https://pets/`). This is the `server` part: generated modules pass it only
 * when a server URL is not a plain absolute one.
 */
export function fullServerUrl(server: ServerDef, overrides: Record<string, string> | undefined, where?: string): string {
  let url = server.url.replace(/\{([^}]+)\}/g, (whole, name: string) => {
    const variable = server.variables?.[name]
    const value = overrides?.[name]
    // An enum is the document's list of valid values: a typo should fail here, not reach another host.
    if (value !== undefined && variable?.enum && !variable.enum.includes(value)) {
      throw new RequestError(`server variable "${name}" is "${value}", not one of ${variable.enum.join(', ')} (server ${server.url})`, {
        code: 'ERR_SERVER_VARIABLE',
      })
    }
    return value ?? variable?.default ?? whole
  })
  const absolute = ABSOLUTE.test(url)
  if (where && absolute && !parses(url)) {
    throw new RequestError(`${where}: server URL "${server.url}" of the document is not a valid URL; pass baseUrl to configure() or createClient()`, {
      code: 'ERR_SERVER_URL',
    })
  }
  // A relative server URL (`/v1`) is relative to the page in browsers; elsewhere it needs baseUrl.
  const location = (globalThis as { location?: { href?: string } }).location?.href
  if (!absolute && location) url = new URL(url, location).href
  return url
}

/**
 * A server's URL: through the `server` part when given, else the URL as written, which must then be
 * a plain absolute URL (no variables, parses): what the generator checked before leaving the part out.
 */
export function serverUrl(server: ServerDef, overrides: Record<string, string> | undefined, where: string | undefined, parts: OperationParts): string {
  if (parts.server) return parts.server(server, overrides, where)
  const url = server.url
  if (!ABSOLUTE.test(url) || /\{[^}]+\}/.test(url) || !parses(url)) need(parts, 'server', where ?? `server ${url}`)
  return url
}
