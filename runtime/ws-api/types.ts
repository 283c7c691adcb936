import type { BasicCredential, TokenProvider } from '../auth/types'
import type { Logger } from '../log/types'
import type { HeartbeatOptions, Timers, WebSocketClient, WebSocketConstructor } from '../ws/types'
import type { ReconnectOptions } from '../ws/reconnect'

/**
 * The contract between the AsyncAPI code generator (src/asyncapi/codegen.ts) and this runtime:
 * plain data, written by the generator as one literal per document.
 */
export interface WsApiDef {
  title: string
  /** Socket URLs with `{variable}` placeholders; `url: ''` marks a server that is not a socket (Slack's https). */
  servers: Array<{ name: string; url: string; variables?: Record<string, { default?: string }> }>
  channels: Record<string, { address: string; parameters?: Record<string, { default?: string }> }>
  /** The channel connect() uses when none is named. */
  channel?: string
  /** Every message the client sends or receives, by name. */
  messages: Record<string, WsMessageDef>
  /** Names of the messages the client receives (routing tries these). */
  inbound: string[]
  /** Messages the client sends, with the names of their reply messages when they are requests. */
  send: Record<string, { reply?: string[] }>
  security?: WsSecurityDef[]
}

export interface WsMessageDef {
  /** The payload property that tells it apart, and the values it takes. */
  prop?: string
  values?: Array<string | number | boolean>
  /** Otherwise the frame's JSON type. */
  type?: 'string' | 'number' | 'boolean' | 'object' | 'array'
  /** JSON pointer inside the payload of the correlation id (`/reqid`). */
  correlation?: string
  /** Sent as a text frame as is (string payloads), not as JSON. */
  text?: true
}

export type WsSecurityDef =
  | { name: string; kind: 'apiKey'; in: 'query' | 'header'; param: string }
  | { name: string; kind: 'bearer' }
  | { name: string; kind: 'basic' }

/** Options every generated `connect()` takes; the generated `ConnectOptions` adds the document's own. */
export interface WsApiBaseOptions<Send extends string = string, In extends string = string> {
  /** The socket URL in place of the document's server (the channel address is still appended). */
  url?: string
  /** Origins besides the document's servers that may receive `auth` (e.g. the URL Slack's rtm.connect returns). */
  authOrigins?: string[]
  /** Tells which message a frame is, before the document's own rules; undefined falls back to them. */
  match?: (frame: unknown) => In | undefined
  /** Messages whose sends are sent again after a reconnect (subscriptions), or true for every sent message. */
  resubscribe?: boolean | Send[]
  /** ms a `request` waits for its reply. @default 10_000 */
  requestTimeout?: number
  reconnect?: boolean | ReconnectOptions
  heartbeat?: HeartbeatOptions
  connectTimeout?: number
  protocols?: string | string[]
  logger?: Logger
  WebSocket?: WebSocketConstructor
  timers?: Partial<Timers>
}

/** The options as the runtime reads them (the generated type narrows each member). */
export interface WsApiConnectOptions extends WsApiBaseOptions {
  server?: string
  variables?: Record<string, string>
  channel?: string
  parameters?: Record<string, string | number>
  query?: Record<string, unknown>
  headers?: Record<string, unknown>
  auth?: Record<string, TokenProvider | BasicCredential | undefined>
}

export interface WsRequestOptions {
  /** ms to wait for the reply. @default the connection's `requestTimeout` */
  timeout?: number
  signal?: AbortSignal
}

/** A connection typed by the document: `In` received, `Send` sent, `Req` requests and their replies. */
export interface WsApiConnection<
  In extends object = Record<string, unknown>,
  Send extends object = Record<string, unknown>,
  Req extends object = Record<string, { request: unknown; reply: unknown }>,
> {
  /** `send.<message>(payload)`: encodes and sends (or queues while reconnecting); false under backpressure. */
  readonly send: { readonly [K in keyof Send]: (payload: Send[K]) => boolean }
  /** `request.<message>(payload)`: sends and resolves with the reply (matched by correlation id, else the next reply). */
  readonly request: {
    readonly [K in keyof Req]: (
      payload: Req[K] extends { request: infer P } ? P : never,
      options?: WsRequestOptions,
    ) => Promise<Req[K] extends { reply: infer R } ? R : never>
  }
  /** Every frame of one message from now on, until the connection closes. */
  receive<K extends keyof In & string>(message: K): AsyncIterableIterator<In[K]>
  on<K extends keyof In & string>(message: K, listener: (payload: In[K]) => void): () => void
  /** Frames that matched no message of the document (also logged as `ws.unknown`). */
  readonly unknown: AsyncIterable<unknown>
  /** The underlying client: state, events, raw sends. */
  readonly socket: WebSocketClient<unknown, unknown>
  close(code?: number, reason?: string): Promise<void>
}
