import { NetworkingError } from './networking-error'

/**
 * WebSocket errors. Every message names the (redacted) URL; the socket library's own error, when
 * there is one, is kept as `cause` rather than shown to the user.
 */

/** The connection could not be opened: network failure, timeout, or reconnect gave up. */
export class WebSocketConnectError extends NetworkingError {
  override name = 'WebSocketConnectError'
  constructor(
    /** The redacted URL. */
    readonly url: string,
    detail: string,
    options: { code?: string; cause?: unknown } = {},
  ) {
    super(`WebSocket ${url}: ${detail}`, { code: options.code ?? 'ERR_WS_CONNECT', cause: options.cause })
  }
}

/** The server answered the upgrade request with an HTTP status instead of 101 (visible with `ws` only). */
export class WebSocketHandshakeError extends WebSocketConnectError {
  override name = 'WebSocketHandshakeError'
  constructor(
    url: string,
    readonly status: number,
    /** Milliseconds the server asked us to wait (`Retry-After`), when it said. */
    readonly retryAfter?: number,
    cause?: unknown,
  ) {
    super(url, `handshake refused with HTTP ${status}`, { code: 'ERR_WS_HANDSHAKE', cause })
  }
}

/** The connection closed and will not be reopened (no reconnect, or reconnect stopped). */
export class WebSocketClosedError extends NetworkingError {
  override name = 'WebSocketClosedError'
  constructor(
    readonly url: string,
    readonly closeCode: number,
    readonly reason: string,
    readonly wasClean: boolean,
    cause?: unknown,
  ) {
    super(`WebSocket ${url}: closed with code ${closeCode}${reason ? ` (${reason})` : ''}`, { code: 'ERR_WS_CLOSED', cause })
  }
}

/** No message or pong arrived within the heartbeat timeout: the peer is presumed dead. */
export class WebSocketHeartbeatTimeoutError extends NetworkingError {
  override name = 'WebSocketHeartbeatTimeoutError'
  constructor(
    readonly url: string,
    readonly timeout: number,
  ) {
    super(`WebSocket ${url}: no answer to heartbeat within ${timeout} ms`, { code: 'ERR_WS_HEARTBEAT' })
  }
}

/** A message (received or about to be sent) is larger than `maxMessageSize`. */
export class WebSocketMessageTooBigError extends NetworkingError {
  override name = 'WebSocketMessageTooBigError'
  constructor(
    readonly url: string,
    readonly size: number | undefined,
    readonly limit: number,
    cause?: unknown,
  ) {
    super(`WebSocket ${url}: message ${size === undefined ? '' : `of ${size} bytes `}over the ${limit}-byte limit`, {
      code: 'ERR_WS_TOO_BIG',
      cause,
    })
  }
}

/** The send queue (used while disconnected) is full and its overflow policy is `throw`. */
export class WebSocketQueueOverflowError extends NetworkingError {
  override name = 'WebSocketQueueOverflowError'
  constructor(
    readonly url: string,
    readonly limit: number,
  ) {
    super(`WebSocket ${url}: send queue full (${limit} messages) while disconnected`, { code: 'ERR_WS_QUEUE_FULL' })
  }
}
