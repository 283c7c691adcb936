import { createWebSocket } from '../ws/client'
import type { Codec, WebSocketData } from '../ws/types'
import { createRouter } from './route'
import { createStream, type Stream } from './stream'
import type { WsApiConnectOptions, WsApiConnection, WsApiDef, WsMessageDef, WsRequestContext, WsRequestOptions } from './types'
import { socketUrl } from './url'

/**
 * Opens a typed connection to a document's WebSocket with the given messages (generated `connect`
 * passes all of them, `connectWith` the ones the app imported): builds the URL and handshake from
 * the document, routes every frame to its message's streams (or to `unknown`), lets request
 * messages match their replies, and replays the sends marked `resubscribe` after each reconnect.
 */
export async function connectWsApi(api: WsApiDef, messages: readonly WsMessageDef[], options: WsApiConnectOptions = {}): Promise<WsApiConnection> {
  const { url } = socketUrl(api, options)
  const credentials = api.auth?.(api, options, url) ?? {}
  const logger = options.logger
  if (credentials.withheld) {
    logger?.warn({
      level: 'warn',
      event: 'ws.auth',
      message: `${api.title}: credentials not sent to ${credentials.withheld}, which is not a server of the document (add it to \`authOrigins\`)`,
    })
  }
  const headers: Record<string, string> = {}
  for (const [key, value] of Object.entries(options.headers ?? {})) if (value !== undefined) headers[key] = String(value)
  Object.assign(headers, credentials.headers)
  // Reply messages a request brings in are routed too (so its reply is recognised), once each.
  const known = new Map<string, WsMessageDef>()
  for (const m of messages) for (const r of [m, ...(m.replies?.() ?? [])]) known.set(r.name, r)
  let inbound = [...known.values()].filter((m) => m.in)
  let route = createRouter(inbound)
  let rev = api.rev
  // Frame handlers by message name (receive streams and on() listeners); '' is `unknown`.
  const handlers = new Map<string, Set<(frame: unknown) => void>>()
  const live = new Set<Stream<unknown>>()
  const taps: WsRequestContext['taps'] = new Set()
  // Distinct payloads sent with `resubscribe` messages, in the order first sent.
  const replayed = new Map<string, [string, unknown]>()
  const resubscribe = new Set(options.resubscribe === true ? messages.filter((m) => m.out).map((m) => m.name) : options.resubscribe || [])
  let nextId = 1

  // The client options pass through (the members they share mean the same); the document's
  // handshake replaces `headers` and `auth`.
  const socket = createWebSocket<unknown, unknown>(url, {
    ...options,
    codec: textOrJson(messages.some((m) => m.text)),
    headers: Object.keys(headers).length > 0 ? headers : undefined,
    auth: credentials.auth,
    onReconnect: () => {
      for (const [name, payload] of replayed.values()) send(name, payload)
    },
  })

  socket.on('message', (frame) => {
    if (api.rev !== rev) {
      rev = api.rev
      inbound = [...known.values()].filter((m) => m.in)
      route = createRouter(inbound)
    }
    let names = route(frame, options.match)
    if (names.length === 0) {
      // A connection opened with some of the messages meets the others all the time: not a warning.
      const level = inbound.length < api.inbound ? 'debug' : 'warn'
      logger?.[level]({ level, event: 'ws.unknown', message: `WebSocket ${socket.url}: a frame matched no message of ${api.title}`, url: socket.url })
      names = ['']
    } else for (const tap of taps) if (tap(names, frame)) return
    for (const name of names) for (const handler of handlers.get(name) ?? []) handler(frame)
  })
  socket.on('state', (state) => {
    if (state === 'closed') for (const stream of live) stream.end()
  })

  function send(name: string, payload: unknown): boolean {
    if (resubscribe.has(name)) replayed.set(name + JSON.stringify(payload), [name, payload])
    return socket.send(payload)
  }

  const context: WsRequestContext = { socket, taps, send, nextId: () => nextId++, requestTimeout: options.requestTimeout }
  const sendApi: Record<string, (payload: unknown) => boolean> = {}
  const requestApi: Record<string, (payload: unknown, init?: WsRequestOptions) => Promise<unknown>> = {}
  for (const m of messages) {
    if (m.out) sendApi[m.name] = (payload) => send(m.name, payload)
    if (m.request) requestApi[m.name] = (payload, init) => m.request!(context, m, payload, init)
  }

  const on = (name: string, handler: (frame: unknown) => void): (() => boolean) => {
    const set = handlers.get(name) ?? new Set()
    handlers.set(name, set)
    set.add(handler)
    return () => set.delete(handler)
  }
  const open = (name: string): Stream<never> => {
    const stream = createStream<unknown>(() => {
      off()
      live.delete(stream)
    })
    const off = on(name, stream.push)
    if (socket.state === 'closed') stream.end()
    else live.add(stream)
    return stream as Stream<never>
  }
  const connection: WsApiConnection = {
    send: sendApi,
    request: requestApi as WsApiConnection['request'],
    receive: open,
    on: on as WsApiConnection['on'],
    unknown: { [Symbol.asyncIterator]: () => open('') },
    socket,
    close: (code, reason) => socket.close(code, reason),
  }
  await socket.connect()
  return connection
}

let decoder: TextDecoder | undefined

/**
 * JSON frames, except what the document types as text: string payloads of text messages go out
 * as is, and a frame that is not JSON comes in as its text (echo servers, timestamps).
 */
function textOrJson(anyText: boolean): Codec<unknown, unknown> {
  return {
    encode: (message): WebSocketData => (anyText && typeof message === 'string' ? message : JSON.stringify(message)),
    decode(data) {
      const text = typeof data === 'string' ? data : data instanceof ArrayBuffer ? (decoder ??= new TextDecoder()).decode(data) : undefined
      if (text === undefined) return data
      try {
        return JSON.parse(text)
      } catch {
        return text
      }
    },
  }
}
