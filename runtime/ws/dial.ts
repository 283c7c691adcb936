import { WebSocketConnectError, WebSocketHandshakeError } from '../errors/websocket'
import { errorCode } from '../http/classify'
import type { parseRetryAfter } from '../policy/retry-after'
import type { Timers, WebSocketConstructor, WebSocketLike } from './types'

export interface DialRequest {
  Ctor: WebSocketConstructor
  url: string
  /** For messages. */
  shownUrl: string
  protocols: string[]
  /**
   * `ws` options; passing them (even `{}`) makes crossws pick `ws` over Node's native constructor,
   * for what only `ws` exposes: headers, maxPayload, the refused status, protocol pings.
   */
  extra?: { headers?: Record<string, string>; maxPayload?: number }
  timeout: number
  binaryType: string
  timers: Timers
  /** Receives a function that abandons this attempt (used when the client is closed meanwhile). */
  cancellable?: (cancel: () => void) => void
  /** Reads a refused handshake's Retry-After (comes with `reconnectFeature`, the only user of it). */
  retryAfter?: typeof parseRetryAfter
}

/** Drops a socket we no longer want, without waiting for a close handshake where `ws` allows it. */
export function abandon(socket: WebSocketLike): void {
  socket.onopen = socket.onmessage = socket.onclose = null
  // `ws` throws an 'error' event that nobody listens to, so keep a listener until it is gone.
  socket.onerror = () => {}
  try {
    if (socket.terminate) socket.terminate()
    else socket.close()
  } catch {
    // Closing a socket that never opened can throw in some runtimes; it is gone either way.
  }
}

/**
 * One connection attempt. `opened` runs synchronously inside `open`, because `ws` may deliver a
 * frame (or an error) in the same tick; the promise rejects with a connect/handshake error.
 */
export function dial(r: DialRequest, opened: (socket: WebSocketLike) => void): Promise<void> {
  return new Promise((resolve, reject) => {
    let socket: WebSocketLike
    try {
      socket = r.extra ? new r.Ctor(r.url, r.protocols, r.extra) : new r.Ctor(r.url, r.protocols)
    } catch (error) {
      reject(new WebSocketConnectError(r.shownUrl, 'invalid URL or protocols', { cause: error }))
      return
    }
    socket.binaryType = r.binaryType
    let refused: WebSocketHandshakeError | undefined
    // `ws` exposes the refused upgrade response; native sockets only report a bare error.
    socket.on?.('unexpected-response', (_req: never, res: { statusCode: number; headers: Record<string, string> }) => {
      refused = new WebSocketHandshakeError(
        r.shownUrl,
        res.statusCode,
        r.retryAfter?.((name) => res.headers[name], r.timers.now()),
      )
      abandon(socket)
      fail(refused)
    })
    let cause: unknown
    const timer = r.timers.setTimeout(() => {
      abandon(socket)
      fail(new WebSocketConnectError(r.shownUrl, `no connection within ${r.timeout} ms`, { code: 'ERR_WS_CONNECT_TIMEOUT' }))
    }, r.timeout)
    const fail = (error: Error): void => {
      r.timers.clearTimeout(timer)
      reject(error)
    }
    r.cancellable?.(() => {
      abandon(socket)
      fail(new WebSocketConnectError(r.shownUrl, 'connection attempt cancelled'))
    })
    socket.onerror = (event) => {
      cause = (event as { error?: unknown }).error ?? event
      // An error before open always ends the attempt, and undici (Node 22's global WebSocket)
      // fires no close after it: waiting for one would hang until connectTimeout.
      abandon(socket)
      // The errno (ECONNREFUSED, ENOTFOUND...) says why; `ws` puts it on the event's error.
      const errno = errorCode(cause)
      fail(refused ?? new WebSocketConnectError(r.shownUrl, errno ? `connection failed (${errno})` : 'connection failed', { cause }))
    }
    socket.onclose = (event) => {
      abandon(socket)
      fail(refused ?? new WebSocketConnectError(r.shownUrl, `connection failed (code ${event.code})`, { cause }))
    }
    socket.onopen = () => {
      r.timers.clearTimeout(timer)
      socket.onopen = socket.onclose = null
      opened(socket)
      resolve()
    }
  })
}
