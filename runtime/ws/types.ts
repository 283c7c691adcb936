import type { TokenProvider } from '../auth/types'
import type { Logger } from '../log/types'
import type { QueueOptions } from './send-queue'
import type { ReconnectOptions } from './reconnect'

/** What a socket can carry, as the WHATWG `WebSocket.send` accepts it. */
export type WebSocketData = string | ArrayBufferLike | ArrayBufferView | Blob

/** Turns typed messages into frames and back. */
export interface Codec<In, Out> {
  encode(message: Out): WebSocketData
  /** Gets a string for text frames and an ArrayBuffer (or Blob, with `binaryType: 'blob'`) for binary ones. */
  decode(data: string | ArrayBuffer | Blob): In
}

/** The part of the WHATWG `WebSocket` we use, plus the `ws` extras we use when present. */
export interface WebSocketLike {
  readonly readyState: number
  readonly bufferedAmount: number
  readonly protocol: string
  binaryType: string
  onopen: ((event: unknown) => void) | null
  onmessage: ((event: { data: unknown }) => void) | null
  onerror: ((event: unknown) => void) | null
  onclose: ((event: { code: number; reason: string; wasClean: boolean }) => void) | null
  send(data: never): void
  close(code?: number, reason?: string): void
  /** `ws` only: kills the TCP connection without a close handshake. */
  terminate?(): void
  /** `ws` only: sends a protocol ping frame. */
  ping?(): void
  /** `ws` only (Node EventEmitter): `pong`, `unexpected-response`. */
  on?(event: string, listener: (...args: never[]) => void): unknown
}

/** A constructor shaped like `WebSocket`; the third argument is `ws`'s options (headers, maxPayload). */
export type WebSocketConstructor = new (
  url: string,
  protocols?: string | string[],
  options?: { headers?: Record<string, string>; maxPayload?: number },
) => WebSocketLike

/** The same token shape the HTTP client takes. */
export type TokenSource = TokenProvider

export interface WebSocketAuth {
  /** A token, or a provider called before every connect and reconnect (so refreshed tokens are used). */
  token: TokenSource
  /**
   * Where the token goes. `header` needs `ws` (Node): browsers cannot set handshake headers, so use
   * `query` or `protocol` there (ideally with a short-lived ticket). @default 'header'
   */
  in?: 'header' | 'query' | 'protocol'
  /** Header name, query parameter name, or subprotocol prefix. @default 'Authorization' / 'access_token' / '' */
  name?: string
  /** Prefix of the header value. @default 'Bearer ' for `Authorization`, '' otherwise */
  scheme?: string
}

export interface HeartbeatOptions {
  /** ms between pings. */
  interval: number
  /** ms to wait for any inbound traffic after a ping before the peer is declared dead. */
  timeout: number
  /** Application-level ping message, sent as is (raw, not through the codec). */
  message?: WebSocketData
  /** Recognises the server's answer, which is then not delivered as a message. */
  pong?: string | ((data: unknown) => boolean)
  /** Also send protocol ping frames when the socket supports them (`ws`). @default true */
  protocolPing?: boolean
}

/** Injected in tests; defaults to the real clock, timers and Math.random. */
export interface Timers {
  now(): number
  random(): number
  setTimeout(fn: () => void, ms: number): unknown
  clearTimeout(handle: unknown): void
}

export interface WebSocketOptions<In = unknown, Out = unknown> {
  /** A WebSocket constructor. @default `crossws/websocket` (native where available, else bundled `ws`) */
  WebSocket?: WebSocketConstructor
  protocols?: string | string[]
  /** Handshake headers. Only `ws` (Node) sends them; browsers ignore them. */
  headers?: Record<string, string>
  auth?: WebSocketAuth
  /** ms allowed for one connection attempt. @default 10_000 */
  connectTimeout?: number
  /** Largest message accepted or sent, in bytes; over it the connection closes with 1009. */
  maxMessageSize?: number
  /** @default 'arraybuffer' */
  binaryType?: 'arraybuffer' | 'blob'
  /** @default JSON (text frames) */
  codec?: Codec<In, Out>
  /** Opt-in reconnection: `true` for the defaults. @default false */
  reconnect?: boolean | ReconnectOptions
  /** Hold messages sent while disconnected; `false` to throw instead. @default { limit: 100, overflow: 'throw' } */
  queue?: false | QueueOptions
  heartbeat?: HeartbeatOptions
  /** `send` returns false once a sent message leaves `bufferedAmount` at this many bytes or more. @default 1_048_576 */
  highWaterMark?: number
  /**
   * Most received messages held for `receive()` / iteration; the oldest is dropped past it. Nothing
   * is held while `message` listeners exist and `receive()` / iteration was never used, so
   * callback-only consumers pay no memory for it. @default 1_000
   */
  receiveBuffer?: number
  /** ms `close()` waits for the server's close frame before dropping the connection. @default 3_000 */
  closeTimeout?: number
  /** Called after every successful reconnect, e.g. to subscribe again. Errors are reported as `error` events. */
  onReconnect?: () => void | Promise<void>
  logger?: Logger
  /** For tests. */
  timers?: Partial<Timers>
}

export type WebSocketState = 'idle' | 'connecting' | 'open' | 'reconnecting' | 'closing' | 'closed'

export interface CloseInfo {
  code: number
  reason: string
  wasClean: boolean
}

export interface WebSocketEvents<In> {
  open: { protocol: string }
  message: In
  close: CloseInfo
  error: Error
  /** `reason`: why this delay (backoff, the server's Retry-After, or waiting for a token that was not refused). */
  reconnecting: { attempt: number; delay: number; reason: 'backoff' | 'retry-after' | 'awaiting a new token' }
  reconnected: { attempts: number }
  state: WebSocketState
}

export interface WebSocketClient<In = unknown, Out = In> extends AsyncIterable<In> {
  readonly state: WebSocketState
  /** The URL with secrets redacted. */
  readonly url: string
  /** The subprotocol the server chose ('' if none or not open). */
  readonly protocol: string
  readonly bufferedAmount: number
  /** Opens the connection (retrying per `reconnect`); resolves once open. Rejects after the client is closed. */
  connect(): Promise<void>
  /**
   * Encodes and sends, or queues while not open. True when accepted (sent, or queued: it goes out
   * once open). False when a full `drop-newest` queue dropped it, or when it was sent and
   * `bufferedAmount` is at `highWaterMark` (then `await drain()` before sending more). Throws
   * when closed, when not open without a queue, and for a full `throw` queue.
   */
  send(message: Out): boolean
  /** Sends a frame as is (text or binary), bypassing the codec. Same return value as `send`. */
  sendRaw(data: WebSocketData): boolean
  /** Resolves once `bufferedAmount` is below `highWaterMark` (or the connection is gone). */
  drain(): Promise<void>
  /** The next message. Rejects once the client is closed and no buffered message is left. */
  receive(): Promise<In>
  on<K extends keyof WebSocketEvents<In>>(event: K, listener: (value: WebSocketEvents<In>[K]) => void): () => void
  /** Closes for good (no reconnect). Resolves when closed; safe to call any number of times. */
  close(code?: number, reason?: string): Promise<void>
}
