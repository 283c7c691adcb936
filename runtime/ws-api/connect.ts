import { createWebSocketCore } from '../ws/client'
import { watchHeartbeat } from '../ws/heartbeat'
import { clientLogger } from '../ws/log'
import { reconnectPolicy } from '../ws/reconnect'
import { watchRefusal } from '../ws/refusal'
import { createSendQueue } from '../ws/send-queue'
import { jsonCodec } from '../ws/codec'
import { createInbox } from '../ws/inbox'
import { createRouter } from './route'
import type { WsApiConnectOptions, WsApiConnection, WsApiDef, WsMessageDef, WsRequestContext, WsRequestOptions } from './types'
import { socketUrl } from './url'

const DONE: IteratorReturnResult<undefined> = { value: undefined, done: true }

/**
 * Opens a typed connection to a document's WebSocket with the given messages (generated `connect`
 * passes all of them, `connectWith` the ones the app imported): builds the URL and handshake from
 * the document, routes every frame to its message's streams (or to `unknown`), lets request
 * messages match their replies, and replays the sends marked `resubscribe` after each reconnect.
 * When the Vite hot module bumps `api.rev`, routing is indexed again from `messages`, which the hot
 * module rewrites in place (so a message added to the document reaches open `connect` connections).
 */
export async function connectWsApi(api: WsApiDef, messages: readonly WsMessageDef[], options: WsApiConnectOptions = {}): Promise<WsApiConnection> {
  const url = socketUrl(api, options)
  const { auth, feature } = api.auth?.(api, options, url) ?? {}
  const headers: Record<string, string> = {}
  for (const [key, value] of Object.entries(options.headers ?? {})) if (value !== undefined) headers[key] = String(value)
  // Frame handlers by message name (receive streams and on() listeners); '' is `unknown`.
  const handlers = new Map<string, Set<(frame: unknown) => void>>()
  const live = new Set<() => void>()
  const logger = options.logger
  let rev = api.rev
  let route = createRouter(messages)

  const json = jsonCodec()
  const text = messages.some((m) => m.text)
  // The client options pass through (the members they share mean the same); the document's
  // handshake replaces `headers` and `auth`.
  const socket = createWebSocketCore<unknown, unknown>(
    url,
    {
      ...options,
      // JSON frames, except what the document types as text: string payloads of text messages go out
      // as is, and a frame that is not JSON comes in as it came (echo servers, timestamps).
      codec: {
        encode: (message) => (text && typeof message === 'string' ? message : JSON.stringify(message)),
        decode(data) {
          try {
            return json.decode(data)
          } catch {
            return data
          }
        },
      },
      headers: Object.keys(headers).length > 0 ? headers : undefined,
      auth,
      onReconnect: () => {
        for (const payload of context.replayed?.values() ?? []) socket.send(payload)
      },
    },
    // What connect() options offer (reconnect, the queue while reconnecting, heartbeat, logger) and,
    // when the document has security schemes, the handshake credentials: not `maxMessageSize`,
    // which a connection does not take, so a bundle carries no code for it.
    {
      reconnect: { policy: reconnectPolicy, refusal: watchRefusal },
      queue: createSendQueue,
      heartbeat: watchHeartbeat,
      wsLogger: clientLogger,
      wsAuth: feature,
    },
  )

  socket.on('message', (frame) => {
    if (rev !== api.rev) {
      rev = api.rev
      route = createRouter(messages)
    }
    let names = route(frame, options.match)
    if (names.length === 0) {
      // A connection opened with some of the messages meets the others all the time: not a warning.
      const level = route.size < api.inbound ? 'debug' : 'warn'
      logger?.[level]({ level, event: 'ws.unknown', message: `WebSocket ${socket.url}: a frame matched no message of ${api.title}`, url: socket.url })
      names = ['']
    } else for (const tap of context.taps ?? []) if (tap(names, frame)) return
    for (const name of names) for (const handler of handlers.get(name) ?? []) handler(frame)
  })
  socket.on('state', (state) => {
    if (state === 'closed') for (const end of live) end()
  })

  const context: WsRequestContext = { socket, options }
  const sendApi: Record<string, (payload: unknown) => boolean> = {}
  const requestApi: Record<string, (payload: unknown, init?: WsRequestOptions) => Promise<unknown>> = {}
  for (const m of messages) {
    if (m.out) sendApi[m.name] = m.out(context, m)
    if (m.request) requestApi[m.name] = m.request(context, m)
  }

  const on = (name: string, handler: (frame: unknown) => void): (() => boolean) => {
    const set = handlers.get(name) ?? new Set()
    handlers.set(name, set)
    set.add(handler)
    return () => set.delete(handler)
  }
  // A stream is an inbox fed by a handler: frames wait there until read; the connection's close
  // ends it (what it holds can still be read), `return()` drops it.
  const open = (name: string): AsyncIterableIterator<never> => {
    const inbox = createInbox<unknown>(Infinity)
    let dropped = false
    const off = on(name, inbox.push)
    const end = (): void => {
      off()
      live.delete(end)
      inbox.end(Error, true)
    }
    const stream: AsyncIterableIterator<never> = {
      next: () =>
        (dropped ? Promise.reject() : inbox.next()).then(
          (value) => ({ value: value as never, done: false }),
          () => DONE,
        ),
      return: () => {
        dropped = true
        end()
        return Promise.resolve(DONE)
      },
      [Symbol.asyncIterator]: () => stream,
    }
    if (socket.state === 'closed') end()
    else live.add(end)
    return stream
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
