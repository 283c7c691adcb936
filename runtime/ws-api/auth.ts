import type { BasicCredential, TokenProvider } from '../auth/types'
import type { HandshakeAuth, WsApiConnectOptions, WsApiDef } from './types'

/**
 * The document's security schemes as handshake credentials: the first scheme the caller gave a
 * credential for. Credentials go only to the document's own server origins (and `authOrigins`):
 * a `url` pointing elsewhere gets none. Generated modules reference it (`auth` of their `WsApiDef`)
 * only when the document has security schemes. Pure.
 */
export function wsHandshakeAuth(api: WsApiDef, options: WsApiConnectOptions, url: string): HandshakeAuth {
  const given = options.auth ?? {}
  const scheme = (api.security ?? []).find((s) => given[s.name] !== undefined)
  if (!scheme) return {}
  const origin = new URL(url).origin
  const trusted = [...api.servers.filter((s) => s.url !== '').map((s) => safeOrigin(s.url)), ...(options.authOrigins ?? []).map(safeOrigin)]
  // A URL built from the document's servers is theirs by construction.
  if (options.url !== undefined && !trusted.includes(origin)) return { withheld: origin }
  const value = given[scheme.name]
  if (scheme.kind === 'basic') {
    const { username, password } = value as BasicCredential
    return { headers: { Authorization: `Basic ${base64(`${username}:${password}`)}` } }
  }
  const token = value as TokenProvider
  if (scheme.kind === 'bearer') return { auth: { token, in: 'header', name: 'Authorization', scheme: 'Bearer ' } }
  return { auth: { token, in: scheme.in, name: scheme.param, scheme: '' } }
}

function safeOrigin(url: string): string {
  try {
    // Server variables stay as placeholders in the host only for exotic documents; they never match.
    return new URL(url).origin
  } catch {
    return url
  }
}

/** UTF-8, then base64 (btoa takes only Latin-1); credentials are short enough to spread. */
function base64(text: string): string {
  return btoa(String.fromCharCode(...new TextEncoder().encode(text)))
}
