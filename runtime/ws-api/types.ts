import type { BasicCredential, TokenProvider } from '../auth/types'
import type { Logger } from '../log/types'
import type { HeartbeatOptions, Timers, WebSocketAuth, WebSocketClient, WebSocketConstructor } from '../ws/types'
import type { ReconnectOptions } from '../ws/reconnect'
import type { WebSocketFeatures } from '../ws/features'

/**
 * The contract between the AsyncAPI code generator (src/asyncapi/codegen.ts) and this runtime:
 * plain data, written by the generator as literals. The document's part (`WsApiDef`) holds no
 * messages: each message is its own export (`WsMessageDef`), so a bundler drops the messages an
 * app does not import (issue 14, tree-shaking).
 */
export interface WsApiDef {
  title: string
  /** The document's socket servers (`ws`, `wss`; not Slack's https), URLs with `{variable}` placeholders. */
  servers: Array<{ name: string; url: string; variables?: Record<string, { default?: string }> }>
  channels: Record<string, { address: string; parameters?: Record<string, { default?: string }> }>
  /** The channel connect() uses when none is named. */
  channel?: string
  /** How many messages of the document the client receives: a connection opened with fewer logs unmatched frames at `debug`, not `warn`. */
  inbound: number
  security?: WsSecurityDef[]
  /** Bumped by the Vite hot module when the document changed (message objects rewritten in place): open connections index their routing again. */
  rev?: number
  /** Fills `{placeholders}` of servers and channels (`wsFill`), referenced only by documents that have them. */
  fill?: WsFill
  /** The handshake credentials (`wsHandshakeAuth`), referenced only by documents with security schemes. */
  auth?: (api: WsApiDef, options: WsApiConnectOptions, url: string) => HandshakeAuth
}

export type WsFill = (
  template: string,
  what: 'server variable' | 'channel parameter',
  fail: (detail: string) => never,
  defaults?: Record<string, { default?: string }>,
  given?: Record<string, string | number>,
) => string

/** What `auth` gives the socket: credentials to place, or why they were withheld (already logged as `ws.auth`). */
export interface HandshakeAuth {
  auth?: WebSocketAuth
  /** The client's `wsAuth` feature, which places `auth` in the handshake. */
  feature?: WebSocketFeatures['wsAuth']
  /** Set when credentials were given but withheld (the URL is not one of the document's servers). */
  withheld?: string
}

/** How an incoming frame is told to be this message. */
export interface WsMatcher {
  /** The payload property that tells it apart, and the values it takes. */
  prop?: string
  values?: Array<string | number | boolean>
  /** Otherwise the frame's JSON type; neither: any frame no other message takes. */
  type?: 'string' | 'number' | 'boolean' | 'object' | 'array'
}

/** One message of a document, as the generated module exports it (`export const hello = {...}`). */
export interface WsMessageDef {
  /** The name `receive()`, `on()`, `send.<name>` and `request.<name>` use. */
  name: string
  /** Set for messages the client receives: how frames are routed to it. */
  in?: WsMatcher
  /** Set for messages the client sends: the send machinery (`wsSend`), so apps that send nothing do not ship it. */
  out?: WsSender
  /** Sent as a text frame as is (string payloads), not as JSON. */
  text?: boolean
  /** JSON pointer inside the payload of the correlation id (`/reqid`). */
  correlation?: string
  /** The messages that answer it (a function: messages are declared in any order). */
  replies?: () => WsMessageDef[]
  /** The request machinery (`wsRequest`), referenced only by request messages so other apps do not ship it. */
  request?: WsRequester
}

/** What a connection hands the `out` and `request` of its messages; the optional parts are made by their first user. */
export interface WsRequestContext {
  socket: WebSocketClient<unknown, unknown>
  options: WsApiConnectOptions
  /** Payloads of `resubscribe` sends (by message and payload), sent again after each reconnect. */
  replayed?: Map<string, unknown>
  /** Consulted before delivery; a tap that returns true took the frame (a reply). */
  taps?: Set<(names: string[], frame: unknown) => boolean>
  /** The last correlation id filled in for a request that left it out (a counter per connection). */
  lastId?: number
}

/** `send.<message>` of a connection (`wsSend`). */
export type WsSender = (context: WsRequestContext, message: WsMessageDef) => (payload: unknown) => boolean
/** `request.<message>` of a connection (`wsRequest`). */
export type WsRequester = (context: WsRequestContext, message: WsMessageDef) => (payload: unknown, options?: WsRequestOptions) => Promise<unknown>

/** The roles a message has for the client, in the type of its export. */
export type WsRole = 'receive' | 'send' | 'request'

/** The type of a generated message export: its name and roles (`Roles` exists in types only). */
export interface WsMessage<Name extends string = string, Roles extends WsRole = WsRole> extends WsMessageDef {
  readonly name: Name
  /** Type-level only: never set at run time. */
  readonly roles?: Roles
}

type Named<M, R extends WsRole> = M extends WsMessage<infer N, infer Roles> ? (R extends Roles ? N : never) : never

/** The connection `connectWith(messages)` gives: the document's maps narrowed to the messages `M` picked. */
export type WsConnectionOf<M extends WsMessage, In extends object, Send extends object, Req extends object> = WsApiConnection<
  Pick<In, Named<M, 'receive'> & keyof In>,
  Pick<Send, Named<M, 'send' | 'request'> & keyof Send>,
  Pick<Req, Named<M, 'request'> & keyof Req>
>

/**
 * A security scheme of the document, as the token's place in the handshake: a query parameter or a
 * header, with a scheme before it (an `http` bearer is `Authorization` + `Bearer `; `basic` is
 * `Authorization` + `Basic ` with `{ username, password }` turned into the token by `encode`).
 */
export interface WsSecurityDef {
  name: string
  in: 'query' | 'header'
  param: string
  scheme?: string
  /** Makes the token from the credential (`wsBasic` for basic schemes); the credential is the token otherwise. */
  encode?: (credential: BasicCredential) => string
}

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
