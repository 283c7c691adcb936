import { NetworkingError } from '../errors/networking-error'
import { WebSocketConnectError } from '../errors/websocket'
import type { TokenSource, WebSocketAuth } from './types'

export interface Handshake {
  url: string
  protocols: string[]
  headers?: Record<string, string>
}

/**
 * Where the token goes for one connection attempt: a header (`ws` only), a query parameter, or an
 * extra subprotocol (the two a browser can send). Pure, so every placement is table-tested.
 */
export function handshakeFor(
  url: string,
  protocols: string | string[] | undefined,
  headers: Record<string, string> | undefined,
  auth: WebSocketAuth | undefined,
  token: string | undefined,
): Handshake {
  const out: Handshake = { url, protocols: protocols === undefined ? [] : [protocols].flat(), headers }
  if (!auth || token === undefined) return out
  if (auth.in === 'query') {
    const u = new URL(url)
    u.searchParams.set(auth.name ?? 'access_token', token)
    out.url = u.href
  } else if (auth.in === 'protocol') out.protocols.push((auth.name ?? '') + token)
  else {
    const name = auth.name ?? 'Authorization'
    out.headers = { ...headers, [name]: (auth.scheme ?? (name === 'Authorization' ? 'Bearer ' : '')) + token }
  }
  return out
}

/** The token for one attempt: a provider is asked every time, so refreshed tokens are used. */
export const readToken = async (token: TokenSource): Promise<string> => (typeof token === 'function' ? await token() : token)

/** What the token provider or the URL threw, as the error of the attempt (`url`: the redacted URL). */
export const unprepared = (url: string, error: unknown): Error =>
  error instanceof NetworkingError ? error : new WebSocketConnectError(url, 'could not prepare the handshake (token provider or URL)', { cause: error })
