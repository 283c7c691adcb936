import { createWebSocket } from '../ws/client'
import type { Codec, WebSocketData } from '../ws/types'
import { route } from './route'
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
  const inbound = [...known.values()].filter((m) => m.in)
  const streams = new Map<string, Set<Stream<unknown>>>()
  const listeners = new Map<string, Set<(payload: unknown) => void>>()
  const unknownStreams = new Set<Stream<unknown>>()
  const taps: WsRequestContext['taps'] = new Set()
  const replayed = new Map<string, Map<string, unknown>>()
  const resubscribe = new Set(options.resubscribe === true ? messages.filter((m) => m.out).map((m) => m.name) : options.resubscribe || [])
  let nextId = 1

  const socket = createWebSocket<unknown, unknown>(url, {
    codec: textOrJson(messages.some((m) => m.text)),
    ...(options.WebSocket && { WebSocket: options.WebSocket }),
    ...(options.protocols !== undefined && { protocols: options.protocols }),
    ...(Object.keys(headers).length > 0 && { headers }),
    ...(credentials.auth && { auth: credentials.auth }),
    ...(options.reconnect !== undefined && { reconnect: options.reconnect }),
    ...(options.heartbeat && { heartbeat: options.heartbeat }),
    ...(options.connectTimeout !== undefined && { connectTimeout: options.connectTimeout }),
    ...(logger && { logger }),
    ...(options.timers && { timers: options.timers }),
    onReconnect: () => {
      for (const [name, sent] of replayed) for (const payload of sent.values()) send(name, payload)
    },
  })

  socket.on('message', (frame) => {
    const names = route(inbound, frame, options.match)
    if (names.length === 0) {
      // A connection opened with some of the messages meets the others all the time: not a warning.
      const level = inbound.length < api.inbound ? 'debug' : 'warn'
      logger?.[level]({ level, event: 'ws.unknown', message: `WebSocket ${socket.url}: a frame matched no message of ${api.title}`, url: socket.url })
      for (const stream of unknownStreams) stream.push(frame)
      return
    }
    for (const tap of taps) if (tap(names, frame)) return
    for (const name of names) {
      for (const stream of streams.get(name) ?? []) stream.push(frame)
      for (const listener of listeners.get(name) ?? []) listener(frame)
    }
  })
  socket.on('state', (state) => {
    if (state !== 'closed') return
    for (const set of streams.values()) for (const stream of set) stream.end()
    for (const stream of unknownStreams) stream.end()
  })

  function send(name: string, payload: unknown): boolean {
    if (resubscribe.has(name)) {
      const sent = replayed.get(name) ?? new Map<string, unknown>()
      sent.set(JSON.stringify(payload), payload)
      replayed.set(name, sent)
    }
    return socket.send(payload)
  }

  const context: WsRequestContext = {
    socket,
    taps,
    send,
    nextId: () => nextId++,
    ...(options.requestTimeout !== undefined && { requestTimeout: options.requestTimeout }),
  }
  const sendApi: Record<string, (payload: unknown) => boolean> = {}
  const requestApi: Record<string, (payload: unknown, init?: WsRequestOptions) => Promise<unknown>> = {}
  for (const m of messages) {
    if (m.out) sendApi[m.name] = (payload) => send(m.name, payload)
    if (m.request) requestApi[m.name] = (payload, init) => m.request!(context, m, payload, init)
  }

  const open = <T>(set: Set<Stream<T>>): Stream<T> => {
    const stream = createStream<T>(() => set.delete(stream))
    if (socket.state === 'closed') stream.end()
    else set.add(stream)
    return stream
  }
  const connection: WsApiConnection = {
    send: sendApi,
    request: requestApi as WsApiConnection['request'],
    receive(name) {
      const set = streams.get(name) ?? new Set()
      streams.set(name, set)
      return open(set) as AsyncIterableIterator<never>
    },
    on(name, listener) {
      const set = listeners.get(name) ?? new Set()
      listeners.set(name, set)
      set.add(listener as (payload: unknown) => void)
      return () => set.delete(listener as (payload: unknown) => void)
    },
    unknown: { [Symbol.asyncIterator]: () => open(unknownStreams) },
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
