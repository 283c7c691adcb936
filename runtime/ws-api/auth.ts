import type { BasicCredential, TokenProvider } from '../auth/types'
import { wsAuthFeature } from '../ws/features'
import type { HandshakeAuth, WsApiConnectOptions, WsApiDef } from './types'

/**
 * The document's security schemes as handshake credentials: the first scheme the caller gave a
 * credential for. Credentials go only to the document's own server origins (and `authOrigins`):
 * a `url` pointing elsewhere gets none, and a `ws.auth` warning says so. Generated modules
 * reference it (`auth` of their `WsApiDef`) only when the document has security schemes.
 */
export function wsHandshakeAuth(api: WsApiDef, options: WsApiConnectOptions, url: string): HandshakeAuth {
  const given = options.auth ?? {}
  const scheme = api.security?.find((s) => given[s.name] !== undefined)
  if (!scheme) return {}
  const { origin } = new URL(url)
  // A URL built from the document's servers is theirs by construction. Server variables left as
  // placeholders in a host never parse, so never match.
  const trusted = (server: string): boolean => {
    try {
      return new URL(server).origin === origin
    } catch {
      return false
    }
  }
  if (options.url !== undefined && ![...api.servers.map((s) => s.url), ...(options.authOrigins ?? [])].some(trusted)) {
    options.logger?.warn({
      level: 'warn',
      event: 'ws.auth',
      message: `${api.title}: credentials not sent to ${origin}, which is not a server of the document (add it to \`authOrigins\`)`,
    })
    return { withheld: origin }
  }
  const value = given[scheme.name]
  const token = scheme.encode ? scheme.encode(value as BasicCredential) : (value as TokenProvider)
  return {
    auth: { token, in: scheme.in, name: scheme.param, scheme: scheme.scheme ?? '' },
    feature: wsAuthFeature.wsAuth,
  }
}

/**
 * `{ username, password }` as an `http` basic token: UTF-8, then base64 (btoa takes only Latin-1;
 * credentials are short enough to spread). Generated modules reference it (`encode` of a security
 * scheme) only for basic and userPassword schemes.
 */
export const wsBasic = (c: BasicCredential): string => btoa(String.fromCharCode(...new TextEncoder().encode(`${c.username}:${c.password}`)))
