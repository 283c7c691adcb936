import { WebSocketHandshakeError } from '../errors/websocket'
import { parseRetryAfter } from '../policy/retry-after'
import type { Timers, WebSocketLike } from './types'

/** The upgrade response `ws` hands us when a server refuses the handshake (native sockets never do). */
export interface RefusedUpgrade {
  statusCode: number
  headers: Record<string, string>
}

/**
 * A refused handshake as the typed error with its status and `Retry-After` (part of
 * `reconnectFeature`, whose policy reads both): without it a refusal is a plain connect failure.
 */
export function readRefusal(url: string, res: RefusedUpgrade, now: number): WebSocketHandshakeError {
  return new WebSocketHandshakeError(
    url,
    res.statusCode,
    parseRetryAfter((name) => res.headers[name], now),
  )
}

/** Listens for `ws`'s refused-upgrade response on one attempt's socket and reports it as `readRefusal`'s error. */
export function watchRefusal(socket: WebSocketLike, url: string, timers: Timers, refused: (error: WebSocketHandshakeError) => void): void {
  socket.on?.('unexpected-response', (_req: never, res: RefusedUpgrade) => refused(readRefusal(url, res, timers.now())))
}
