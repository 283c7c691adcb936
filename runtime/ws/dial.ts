import { WebSocketConnectError } from '../errors/websocket'
import { errorCode } from '../http/classify'
import type { watchRefusal } from './refusal'
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
  /** Reads a refused handshake's status and Retry-After (comes with `reconnectFeature`, whose policy uses them). */
  refusal?: typeof watchRefusal
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
 * One connection attempt: `opened` runs synchronously inside `open`, because `ws` may deliver a
 * frame (or an error) in the same tick; `failed` gets a connect/handshake error. Exactly one of
 * them is called. Returns a function that abandons the attempt (used when the client is closed).
 */
export function dial(r: DialRequest, opened: (socket: WebSocketLike) => void, failed: (error: Error) => void): () => void {
  let socket: WebSocketLike
  try {
    socket = r.extra ? new r.Ctor(r.url, r.protocols, r.extra) : new r.Ctor(r.url, r.protocols)
  } catch (error) {
    failed(new WebSocketConnectError(r.shownUrl, 'invalid URL or protocols', { cause: error }))
    return () => {}
  }
  socket.binaryType = r.binaryType
  let refused: Error | undefined
  let cause: unknown
  let done = false
  const fail = (detail: string, code?: string): void => {
    if (done) return
    done = true
    r.timers.clearTimeout(timer)
    abandon(socket)
    failed(refused ?? new WebSocketConnectError(r.shownUrl, detail, { code, cause }))
  }
  const timer = r.timers.setTimeout(() => fail(`no connection within ${r.timeout} ms`, 'ERR_WS_CONNECT_TIMEOUT'), r.timeout)
  // `ws` exposes the refused upgrade response; native sockets only report a bare error.
  r.refusal?.(socket, r.shownUrl, r.timers, (error) => {
    refused = error
    fail('')
  })
  socket.onerror = (event) => {
    cause = (event as { error?: unknown }).error ?? event
    // An error before open always ends the attempt, and undici (Node 22's global WebSocket)
    // fires no close after it: waiting for one would hang until connectTimeout.
    // The errno (ECONNREFUSED, ENOTFOUND...) says why; `ws` puts it on the event's error.
    const errno = errorCode(cause)
    fail(errno ? `connection failed (${errno})` : 'connection failed')
  }
  socket.onclose = (event) => fail(`connection failed (code ${event.code})`)
  socket.onopen = () => {
    done = true
    r.timers.clearTimeout(timer)
    socket.onopen = socket.onclose = null
    opened(socket)
  }
  return () => fail('connection attempt cancelled')
}
