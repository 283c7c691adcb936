import { createWebSocket } from '../ws/client'
import type { Codec, WebSocketData } from '../ws/types'
import { handshakeAuth } from './auth'
import { WsRequestError } from './errors'
import { readPointer, route } from './route'
import { createStream, type Stream } from './stream'
import type { WsApiConnectOptions, WsApiConnection, WsApiDef, WsRequestOptions } from './types'
import { socketUrl } from './url'

/** What generated modules call: `defineWsApi(def)` once, `connectWsApi(api, options)` per connection. */
export function defineWsApi(def: WsApiDef): WsApiDef {
  return def
}

interface Pending {
  replies: string[]
  pointer?: string
  id: unknown
  resolve(value: unknown): void
  reject(error: Error): void
}

/**
 * Opens a typed connection to a document's WebSocket: builds the URL and handshake from the
 * document, routes every frame to its message's streams (or to `unknown`), matches replies to
 * requests, and replays the sends marked `resubscribe` after each reconnect.
 */
export async function connectWsApi(api: WsApiDef, options: WsApiConnectOptions = {}): Promise<WsApiConnection> {
  const { url } = socketUrl(api, options)
  const credentials = handshakeAuth(api, options, url)
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
  const streams = new Map<string, Set<Stream<unknown>>>()
  const listeners = new Map<string, Set<(payload: unknown) => void>>()
  const unknownStreams = new Set<Stream<unknown>>()
  const pending = new Set<Pending>()
  const replayed = new Map<string, Map<string, unknown>>()
  const resubscribe = new Set(options.resubscribe === true ? Object.keys(api.send) : options.resubscribe || [])
  let nextId = 1

  const socket = createWebSocket<unknown, unknown>(url, {
    codec: textOrJson(api),
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

  const deliver = (frame: unknown): void => {
    const names = route(api, frame, options.match)
    if (names.length === 0) {
      logger?.warn({ level: 'warn', event: 'ws.unknown', message: `WebSocket ${socket.url}: a frame matched no message of ${api.title}`, url: socket.url })
      for (const stream of unknownStreams) stream.push(frame)
      return
    }
    for (const request of pending) {
      if (!names.some((name) => request.replies.includes(name))) continue
      if (request.pointer !== undefined && readPointer(frame, request.pointer) !== request.id) continue
      pending.delete(request)
      request.resolve(frame)
      return
    }
    for (const name of names) {
      for (const stream of streams.get(name) ?? []) stream.push(frame)
      for (const listener of listeners.get(name) ?? []) listener(frame)
    }
  }
  socket.on('message', deliver)
  socket.on('state', (state) => {
    if (state !== 'closed') return
    for (const set of streams.values()) for (const stream of set) stream.end()
    for (const stream of unknownStreams) stream.end()
    for (const request of pending) request.reject(new WsRequestError(socket.url, '', 'failed: the connection closed', { code: 'ERR_WS_REQUEST_CLOSED' }))
    pending.clear()
  })

  function send(name: string, payload: unknown): boolean {
    if (resubscribe.has(name)) {
      const sent = replayed.get(name) ?? new Map<string, unknown>()
      sent.set(JSON.stringify(payload), payload)
      replayed.set(name, sent)
    }
    return socket.send(payload)
  }

  function request(name: string, payload: unknown, init: WsRequestOptions = {}): Promise<unknown> {
    const def = api.messages[name]
    const replies = api.send[name]?.reply ?? []
    const pointer = def?.correlation
    let id = pointer === undefined ? undefined : readPointer(payload, pointer)
    // A correlation id the caller left out is filled in, so concurrent requests cannot be confused.
    if (pointer !== undefined && id === undefined && /^\/[^/]+$/.test(pointer) && typeof payload === 'object' && payload !== null) {
      id = nextId++
      payload = { ...(payload as object), [pointer.slice(1).replace(/~1/g, '/').replace(/~0/g, '~')]: id }
    }
    const timeout = init.timeout ?? options.requestTimeout ?? 10_000
    return new Promise((resolve, reject) => {
      let timer: ReturnType<typeof setTimeout> | undefined
      const onAbort = (): void => settle(new WsRequestError(socket.url, name, 'was aborted', { code: 'ERR_WS_REQUEST_ABORTED', cause: init.signal?.reason }))
      const settle = (error?: Error, value?: unknown): void => {
        clearTimeout(timer)
        init.signal?.removeEventListener('abort', onAbort)
        pending.delete(entry)
        if (error) reject(error)
        else resolve(value)
      }
      const entry: Pending = { replies, id, resolve: (value) => settle(undefined, value), reject: (error) => settle(error) }
      if (pointer !== undefined) entry.pointer = pointer
      if (init.signal?.aborted) return onAbort()
      init.signal?.addEventListener('abort', onAbort, { once: true })
      timer = setTimeout(() => settle(new WsRequestError(socket.url, name, `got no reply within ${timeout} ms`, { code: 'ERR_WS_REQUEST_TIMEOUT' })), timeout)
      pending.add(entry)
      try {
        send(name, payload)
      } catch (error) {
        settle(error as Error)
      }
    })
  }

  const sendApi: Record<string, (payload: unknown) => boolean> = {}
  const requestApi: Record<string, (payload: unknown, init?: WsRequestOptions) => Promise<unknown>> = {}
  for (const [name, op] of Object.entries(api.send)) {
    sendApi[name] = (payload) => send(name, payload)
    if (op.reply) requestApi[name] = (payload, init) => request(name, payload, init)
  }

  const connection: WsApiConnection = {
    send: sendApi,
    request: requestApi as WsApiConnection['request'],
    receive(name) {
      const set = streams.get(name) ?? new Set()
      streams.set(name, set)
      const stream = createStream<unknown>(() => set.delete(stream))
      if (socket.state === 'closed') stream.end()
      else set.add(stream)
      return stream as AsyncIterableIterator<never>
    },
    on(name, listener) {
      const set = listeners.get(name) ?? new Set()
      listeners.set(name, set)
      set.add(listener as (payload: unknown) => void)
      return () => set.delete(listener as (payload: unknown) => void)
    },
    unknown: {
      [Symbol.asyncIterator]() {
        const stream = createStream<unknown>(() => unknownStreams.delete(stream))
        if (socket.state === 'closed') stream.end()
        else unknownStreams.add(stream)
        return stream
      },
    },
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
function textOrJson(api: WsApiDef): Codec<unknown, unknown> {
  const anyText = Object.values(api.messages).some((m) => m.text)
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
