import NativeOrWs from 'crossws/websocket'
import { NetworkingError } from '../errors/networking-error'
import { ConfigurationError } from '../errors/configuration-error'
import {
  WebSocketClosedError,
  WebSocketConnectError,
  type WebSocketHandshakeError,
  WebSocketMessageTooBigError,
  WebSocketQueueOverflowError,
} from '../errors/websocket'
import type { LogLevel } from '../log/types'
import { redactUrl } from '../log/redact'
import { jsonCodec } from './codec'
import { abandon, dial } from './dial'
import { handshakeFor, oversize } from './handshake'
import { createInbox } from './inbox'
import { allWebSocketFeatures, type WebSocketFeatures } from './features'
import { attachSession } from './session'
import type {
  CloseInfo,
  Timers,
  WebSocketClient,
  WebSocketConstructor,
  WebSocketData,
  WebSocketEvents,
  WebSocketLike,
  WebSocketOptions,
  WebSocketState,
} from './types'

export type { WebSocketClient } from './types'

const GIVE_UP = { attempts: 'maxAttempts reached', deadline: 'reconnect deadline passed', 'retry-after': 'the server asked to wait longer than allowed' }

/** An error's message without the `WebSocket <url>: ` prefix every one of ours carries. */
const detail = (error: Error): string => error.message.replace(/^WebSocket \S+: /, '')

/** Creates a client without connecting; call `connect()`. */
export function createWebSocket<In = unknown, Out = In>(url: string, options: WebSocketOptions<In, Out> = {}): WebSocketClient<In, Out> {
  return createWebSocketCore(url, options, allWebSocketFeatures)
}

/**
 * `createWebSocket` with only the features passed in (`reconnectFeature`, `queueFeature`,
 * `heartbeatFeature`), for a smaller browser bundle. Without `queueFeature` a send while not open
 * throws; an option whose feature is missing is refused at creation.
 */
export function createWebSocketCore<In = unknown, Out = In>(
  url: string,
  options: WebSocketOptions<In, Out>,
  features: WebSocketFeatures,
): WebSocketClient<In, Out> {
  const need = (option: keyof WebSocketFeatures & keyof WebSocketOptions<In, Out>): void => {
    if (options[option] && !features[option]) throw new ConfigurationError(`WebSocket option ${option} needs ${option}Feature`, option)
  }
  need('reconnect')
  need('heartbeat')
  if (typeof options.queue === 'object') need('queue')
  const fx = features.reconnect
  const t: Timers = {
    now: () => Date.now(),
    random: Math.random,
    setTimeout: (fn, ms) => setTimeout(fn, ms),
    clearTimeout: (h) => clearTimeout(h as ReturnType<typeof setTimeout>),
    ...options.timers,
  }
  const { auth, heartbeat: hbo, maxMessageSize: max, logger } = options
  const Ctor: WebSocketConstructor = options.WebSocket ?? (NativeOrWs as unknown as WebSocketConstructor)
  const shown = redactUrl(url, auth?.in === 'query' && auth.name ? { query: [auth.name] } : undefined)
  const codec = options.codec ?? jsonCodec<In, Out>()
  const rc = options.reconnect ? fx!.resolve(options.reconnect === true ? {} : options.reconnect) : undefined
  const queue = options.queue === false || !features.queue ? undefined : features.queue<WebSocketData>(options.queue ?? {}, t.now)
  const hwm = options.highWaterMark ?? 1_048_576
  const listeners: { [event: string]: Set<(value: never) => void> | undefined } = {}
  const inbox = createInbox<In>(options.receiveBuffer ?? 1_000)

  let state: WebSocketState = 'idle'
  let socket: WebSocketLike | undefined
  let userClosed = false
  let attempt = 0
  let lostAt = 0
  let openedAt = 0
  let opened = false
  let usedToken: string | undefined
  /** The token the server refused, and why: no connection is attempted with it again. */
  let refused: { token: string | undefined; error: Error; code: number | undefined } | undefined
  let session: { stop(): void } | undefined
  let timer: unknown
  let lastClose: CloseInfo = { code: 1000, reason: '', wasClean: true }
  let cancelDial: (() => void) | undefined
  /** Whether receive() or iteration was ever used (then messages are buffered even with listeners). */
  let pulled = false
  let finalError: Error | undefined
  let connected: Promise<void> | undefined
  let settleConnect: ((error?: Error) => void) | undefined
  let closed: Promise<void> | undefined
  let resolveClosed: (() => void) | undefined

  const emit = <K extends keyof WebSocketEvents<In>>(event: K, value: WebSocketEvents<In>[K]): void => {
    for (const fn of listeners[event] ?? []) fn(value as never)
  }
  const log = (level: LogLevel, event: string, message: string, fields?: object): void =>
    logger?.[level]({
      level,
      event,
      message: message.startsWith('WebSocket ') ? message : `WebSocket ${shown}: ${message}`,
      url: shown,
      ...fields,
    })
  const setState = (next: WebSocketState): void => {
    if (state !== next) emit('state', (state = next))
  }
  const fail = (error: Error): void => {
    log('error', 'ws.error', error.message, { code: (error as NetworkingError).code })
    emit('error', error)
  }
  const closedError = (): Error => finalError ?? new WebSocketClosedError(shown, lastClose.code, lastClose.reason, lastClose.wasClean)

  const token = async (): Promise<string | undefined> => auth && (typeof auth.token === 'function' ? await auth.token() : auth.token)

  async function attempt_(): Promise<void> {
    try {
      const tok = await token()
      if (userClosed) return
      // Credentials the server refused are not tried again: wait (on the backoff schedule) for
      // the provider to hand out a new token.
      if (refused && tok === refused.token) return lost(refused.error, refused.code)
      refused = undefined
      usedToken = tok
      const h = handshakeFor(url, options.protocols, options.headers, auth, tok)
      log('debug', 'ws.connect', `connecting (attempt ${attempt})`, { attempt })
      await dial(
        {
          Ctor,
          url: h.url,
          shownUrl: shown,
          protocols: h.protocols,
          // Only `ws` understands these; passing them makes crossws pick it on Node >= 22 too.
          // Reconnect (handshake status, Retry-After) and protocol pings need `ws` as well, so
          // they get it even with no option to pass; browsers ignore the argument.
          // No undefined keys: `ws` would read `maxPayload: undefined` as "no limit".
          extra:
            h.headers || max || rc || (hbo && hbo.protocolPing !== false)
              ? { ...(h.headers && { headers: h.headers }), ...(max && { maxPayload: max }) }
              : undefined,
          timeout: options.connectTimeout ?? 10_000,
          binaryType: options.binaryType ?? 'arraybuffer',
          timers: t,
          cancellable: (cancel) => (cancelDial = cancel),
          retryAfter: fx?.retryAfter,
        },
        adopt,
      )
    } catch (error) {
      if (userClosed) return
      // dial() only throws our errors; anything else came from the token provider or the URL.
      lost(
        error instanceof NetworkingError
          ? error
          : new WebSocketConnectError(shown, 'could not prepare the handshake (token provider or URL)', { cause: error }),
      )
    }
  }

  function adopt(s: WebSocketLike): void {
    cancelDial = undefined
    if (userClosed) return abandon(s)
    socket = s
    openedAt = t.now()
    const again = opened
    opened = true
    session = attachSession(
      s,
      { shownUrl: shown, codec, maxMessageSize: max, heartbeat: hbo, timers: t, startHeartbeat: features.heartbeat },
      {
        message: deliver,
        error: fail,
        closed: (info, cause) => dropped(s, info, cause),
      },
    )
    setState('open')
    log('info', 'ws.open', again ? `reconnected after ${attempt} attempts` : 'open', { attempt })
    emit('open', { protocol: s.protocol })
    if (again) {
      emit('reconnected', { attempts: attempt })
      try {
        void Promise.resolve(options.onReconnect?.()).catch(fail)
      } catch (error) {
        fail(error as Error)
      }
    }
    if (queue) {
      const { items, expired } = queue.take()
      if (expired) log('warn', 'ws.queue', `dropped ${expired} queued messages past their time to live`, { expired })
      for (const item of items) s.send(item as never)
    }
    settleConnect?.()
  }

  function deliver(message: In): void {
    emit('message', message)
    if (pulled || !listeners.message?.size) inbox.push(message)
  }

  /** A socket that was open is gone: report, then reconnect or finish. */
  function dropped(s: WebSocketLike, info: CloseInfo, cause: unknown): void {
    if (s !== socket) return
    socket = undefined
    session?.stop()
    lastClose = info
    log(info.wasClean ? 'info' : 'warn', 'ws.close', `closed with code ${info.code}`, { ...info })
    emit('close', info)
    if (userClosed) return finish()
    // A connection that stayed up long enough earns a fresh attempt count.
    if (!rc || t.now() - openedAt >= rc.minUptime) attempt = 0
    lostAt = t.now()
    lost(new WebSocketClosedError(shown, info.code, info.reason, info.wasClean, cause), info.code)
  }

  function lost(error: Error, code?: number): void {
    if (!rc) return finish(code === 1000 && lastClose.wasClean ? undefined : error)
    const status = (error as WebSocketHandshakeError).status
    if (code !== undefined ? fx!.isAuthFailure(code, rc) : status === 401 || status === 403) {
      // Reconnecting with refused credentials only hammers the server. A fixed token never
      // changes; a provider is asked again on the backoff schedule until it hands out a new one.
      if (typeof auth?.token !== 'function') return finish(error)
      refused = { token: usedToken, error, code }
    }
    attempt++
    const decision = fx!.decide({ attempt, elapsed: t.now() - lostAt, retryAfter: (error as WebSocketHandshakeError).retryAfter }, rc, t.random)
    if (!decision.retry) {
      return finish(
        new WebSocketConnectError(shown, `gave up reconnecting after ${attempt - 1} attempts (${GIVE_UP[decision.reason]}); last: ${detail(error)}`, {
          code: 'ERR_WS_RECONNECT',
          cause: error,
        }),
      )
    }
    setState('reconnecting')
    const reason = refused ? 'awaiting a new token' : decision.reason
    log('warn', 'ws.reconnect', `reconnecting in ${decision.delay} ms (attempt ${attempt}, ${reason}): ${detail(error)}`, {
      attempt,
      delay: decision.delay,
      reason,
      cause: error.message,
    })
    emit('reconnecting', { attempt, delay: decision.delay, reason })
    timer = t.setTimeout(attempt_, decision.delay)
  }

  function finish(error?: Error): void {
    if (state === 'closed') return
    t.clearTimeout(timer)
    session?.stop()
    cancelDial?.()
    if (socket) abandon(socket)
    socket = undefined
    finalError = error
    setState('closed')
    const dropped = queue?.clear()
    if (dropped) log('warn', 'ws.queue', `dropped ${dropped} queued messages on close`, { dropped })
    if (error) fail(error)
    // A close the user asked for (or a clean one from the server) ends iteration quietly.
    inbox.end(closedError, !error)
    settleConnect?.(closedError())
    resolveClosed?.()
  }

  const client: WebSocketClient<In, Out> = {
    get state() {
      return state
    },
    url: shown,
    get protocol() {
      return socket?.protocol ?? ''
    },
    get bufferedAmount() {
      return socket?.bufferedAmount ?? 0
    },
    connect() {
      if (state === 'closed' || userClosed) return Promise.reject(closedError())
      connected ??= new Promise<void>((resolve, reject) => {
        settleConnect = (error) => {
          settleConnect = undefined
          if (error) reject(error)
          else resolve()
        }
        setState('connecting')
        lostAt = t.now()
        void attempt_()
      })
      return connected
    },
    send: (message) => client.sendRaw(codec.encode(message)),
    sendRaw(data) {
      const size = oversize(data, max)
      if (size !== undefined) throw new WebSocketMessageTooBigError(shown, size, max ?? 0)
      if (socket && state === 'open') {
        socket.send(data as never)
        return socket.bufferedAmount < hwm
      }
      if (!queue || state === 'closed' || state === 'closing') {
        throw new NetworkingError(`WebSocket ${shown}: cannot send while ${state}`, { code: 'ERR_WS_NOT_OPEN' })
      }
      const result = queue.push(data)
      if (result === 'full') throw new WebSocketQueueOverflowError(shown, options.queue ? (options.queue.limit ?? 100) : 100)
      if (result === 'dropped') log('warn', 'ws.queue', 'send queue full: dropped a message')
      return false
    },
    async drain() {
      while (socket && state === 'open' && socket.bufferedAmount >= hwm) {
        await new Promise((resolve) => t.setTimeout(() => resolve(undefined), 5))
      }
    },
    receive() {
      pulled = true
      return inbox.next()
    },
    [Symbol.asyncIterator]() {
      pulled = true
      return inbox[Symbol.asyncIterator]()
    },
    on(event, listener) {
      const set = (listeners[event] ??= new Set())
      set.add(listener)
      return () => set.delete(listener)
    },
    close(code = 1000, reason = '') {
      if (!closed) {
        closed = new Promise((resolve) => (resolveClosed = resolve))
        userClosed = true
        const s = socket
        if (state === 'closed') resolveClosed?.()
        else if (s && state === 'open') {
          setState('closing')
          session?.stop()
          try {
            s.close(code, reason)
          } catch (error) {
            // An invalid code or a reason over 123 bytes: the connection still has to go.
            fail(new NetworkingError(`WebSocket ${shown}: close(${code}) refused`, { code: 'ERR_WS_CLOSE', cause: error }))
            s.close()
          }
          // A server that never answers the close frame must not keep us waiting forever.
          timer = t.setTimeout(() => {
            abandon(s)
            dropped(s, { code: 1006, reason: 'close handshake timed out', wasClean: false }, undefined)
          }, options.closeTimeout ?? 3_000)
        } else finish()
      }
      return closed
    },
  }
  return client
}

/**
 * Creates a client and waits until it is open.
 *
 * ```ts
 * const socket = await connectWebSocket<ServerMessage, ClientMessage>('wss://api.example.com/live', {
 *   auth: { token: () => session.accessToken(), in: 'query' }, // re-read on every (re)connect
 *   reconnect: { maxAttempts: 10 },
 *   heartbeat: { interval: 15_000, timeout: 5_000, message: 'ping', pong: 'pong' },
 *   onReconnect: () => void socket.send({ type: 'subscribe', topic: 'prices' }),
 * })
 * socket.send({ type: 'subscribe', topic: 'prices' })
 * for await (const message of socket) handle(message) // ends quietly after socket.close()
 * ```
 */
export async function connectWebSocket<In = unknown, Out = In>(url: string, options?: WebSocketOptions<In, Out>): Promise<WebSocketClient<In, Out>> {
  const client = createWebSocket<In, Out>(url, options)
  await client.connect()
  return client
}
