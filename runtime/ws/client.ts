import NativeOrWs from 'crossws/websocket'
import { ConfigurationError } from '../errors/configuration-error'
import { NetworkingError } from '../errors/networking-error'
import { WebSocketClosedError } from '../errors/websocket'
import { hideUrlSecrets } from '../log/redact'
import { jsonCodec } from './codec'
import { abandon, dial } from './dial'
import { allWebSocketFeatures, type WebSocketFeatures } from './features'
import { createInbox } from './inbox'
import { type Effect, initial, type MachineEvent, transition } from './machine'

/** An event as the shell raises it: `dispatch` adds the time and a random draw. */
type Raised = MachineEvent extends infer E ? (E extends MachineEvent ? Omit<E, 'now' | 'random'> : never) : never
import { attachSession } from './session'
import type { CloseInfo, Timers, WebSocketClient, WebSocketConstructor, WebSocketEvents, WebSocketLike, WebSocketOptions } from './types'

export type { WebSocketClient } from './types'

/** Creates a client without connecting; call `connect()`. */
export function createWebSocket<In = unknown, Out = In>(url: string, options: WebSocketOptions<In, Out> = {}): WebSocketClient<In, Out> {
  return createWebSocketCore(url, options, allWebSocketFeatures)
}

/**
 * `createWebSocket` with only the features passed in (`reconnectFeature`, `queueFeature`,
 * `heartbeatFeature`), for a smaller browser bundle. Without `queueFeature` a send while not open
 * throws; an option whose feature is missing is refused at creation.
 *
 * The shell around the pure state machine (`machine.ts`): it owns the socket, the timers and the
 * listeners, feeds what happens to `transition` and performs the effects it returns.
 */
export function createWebSocketCore<In = unknown, Out = In>(
  url: string,
  options: WebSocketOptions<In, Out> = {},
  features: WebSocketFeatures = {},
): WebSocketClient<In, Out> {
  const need = (option: keyof WebSocketOptions<In, Out>, feature = option as keyof WebSocketFeatures): void => {
    if (options[option] && !features[feature]) throw new ConfigurationError(`WebSocket option ${option} needs ${feature}Feature`, option)
  }
  need('reconnect')
  need('heartbeat')
  if (typeof options.queue === 'object') need('queue')
  need('auth', 'wsAuth')
  need('logger', 'wsLogger')
  need('maxMessageSize', 'wsMessageSize')
  const t: Timers = {
    now: () => Date.now(),
    random: Math.random,
    setTimeout: (fn, ms) => setTimeout(fn, ms),
    clearTimeout: (h) => clearTimeout(h as ReturnType<typeof setTimeout>),
    ...options.timers,
  }
  const { auth, reconnect, heartbeat: hbo, maxMessageSize: max, logger } = options
  const Ctor: WebSocketConstructor = options.WebSocket ?? (NativeOrWs as unknown as WebSocketConstructor)
  // The client offers no opt-out of redaction, so it uses the redaction without one.
  const shown = hideUrlSecrets(url, auth?.in === 'query' && auth.name ? [auth.name] : undefined)
  const ax = auth && features.wsAuth
  const codec = options.codec ?? jsonCodec<In, Out>()
  const hwm = options.highWaterMark ?? 1_048_576
  const listeners: { [event: string]: Set<(value: never) => void> | undefined } = {}
  const inbox = createInbox<In>(options.receiveBuffer ?? 1_000)
  const emit = <K extends keyof WebSocketEvents<In>>(event: K, value: WebSocketEvents<In>[K]): void => {
    for (const fn of listeners[event] ?? []) fn(value as never)
  }
  const logs = logger && features.wsLogger!(logger, shown)
  const fail = (error: Error): void => {
    logs?.note({ type: 'error', error })
    emit('error', error)
  }
  const rx = features.reconnect
  const guard = max ? features.wsMessageSize!(shown, max, fail) : undefined
  const queue = options.queue === false || !features.queue ? undefined : features.queue(options.queue ?? {}, t.now, shown, logs ? logs.log : () => {})
  let m = initial(reconnect ? rx?.policy(reconnect === true ? {} : reconnect, shown, typeof auth?.token === 'function') : undefined)

  // What the machine does not hold: the live socket and session, timers, promises.
  let socket: WebSocketLike | undefined
  let session: { stop(): void } | undefined
  let timer: unknown
  let cancelDial: (() => void) | undefined
  /** Whether receive() or iteration was ever used (then messages are buffered even with listeners). */
  let pulled = false
  let connected: Promise<void> | undefined
  let settleConnect: ((error?: Error) => void) | undefined
  let closed: Promise<void> | undefined
  let resolveClosed: (() => void) | undefined

  const closedError = (): Error => m.final ?? new WebSocketClosedError(shown, m.lastClose.code, m.lastClose.reason, m.lastClose.wasClean)
  /** An attempt failed. dial() reports only our errors; anything else came from the token provider or the URL (`wsAuth`). */
  const failed = (error: unknown): void => {
    cancelDial = undefined
    dispatch({ type: 'fail', error: ax ? ax.fail(shown, error) : (error as Error) })
  }

  function dispatch(event: Raised): void {
    const before = m.phase
    const { state, effects } = transition(m, { ...event, now: t.now(), random: t.random() } as MachineEvent)
    m = state
    if (m.phase !== before) emit('state', m.phase)
    for (const effect of effects) {
      logs?.note(effect)
      perform(effect)
    }
  }

  function perform(e: Effect): void {
    switch (e.type) {
      case 'attempt':
        ;(ax ? ax.token(auth.token) : Promise.resolve(undefined)).then((tok) => dispatch({ type: 'token', token: tok }), failed)
        return
      case 'dial':
        return connect(e.token)
      case 'abandon':
        abandon(socket!)
        socket = undefined
        return
      case 'open':
        return opened(socket!, e.again, e.attempts)
      case 'wait':
        emit('reconnecting', { attempt: e.attempt, delay: e.delay, reason: e.reason })
        timer = t.setTimeout(() => dispatch({ type: 'retry' }), e.delay)
        return
      case 'shut':
        return shut(socket!, e.code, e.reason)
      case 'finish':
        t.clearTimeout(timer)
        session?.stop()
        cancelDial?.()
        if (socket) abandon(socket)
        socket = undefined
        queue?.clear()
        if (e.error) fail(e.error)
        // A close the user asked for (or a clean one from the server) ends iteration quietly.
        inbox.end(closedError, !e.error)
        settleConnect?.(closedError())
        resolveClosed?.()
    }
  }

  function connect(tok: string | undefined): void {
    try {
      const h = ax
        ? ax.handshake(url, options.protocols, options.headers, auth, tok)
        : { url, protocols: [options.protocols ?? []].flat(), headers: options.headers }
      cancelDial = dial(
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
            h.headers || max || reconnect || (hbo && hbo.protocolPing !== false)
              ? { ...(h.headers && { headers: h.headers }), ...(max && { maxPayload: max }) }
              : undefined,
          timeout: options.connectTimeout ?? 10_000,
          binaryType: options.binaryType ?? 'arraybuffer',
          timers: t,
          refusal: rx?.refusal,
        },
        (s) => {
          cancelDial = undefined
          // Set before the machine hears of it, so a `state` listener can send right away.
          socket = s
          dispatch({ type: 'open' })
        },
        failed,
      )
    } catch (error) {
      failed(error)
    }
  }

  function opened(s: WebSocketLike, again: boolean, attempts: number): void {
    session = attachSession(
      s,
      { shownUrl: shown, codec, guard, heartbeat: hbo, timers: t, watch: features.heartbeat },
      { message: deliver, error: fail, closed: (info, cause) => dropped(s, info, cause) },
    )
    emit('open', { protocol: s.protocol })
    if (again) {
      emit('reconnected', { attempts })
      try {
        void Promise.resolve(options.onReconnect?.()).catch(fail)
      } catch (error) {
        fail(error as Error)
      }
    }
    queue?.flush((data) => s.send(data as never))
    settleConnect?.()
  }

  function deliver(message: In): void {
    emit('message', message)
    if (pulled || !listeners.message?.size) inbox.push(message)
  }

  /** A socket that was open is gone: report, then let the machine decide (reconnect or finish). */
  function dropped(s: WebSocketLike, info: CloseInfo, cause: unknown): void {
    if (s !== socket) return
    socket = undefined
    session?.stop()
    logs?.note({ type: 'close', info })
    emit('close', info)
    dispatch({ type: 'drop', info, error: new WebSocketClosedError(shown, info.code, info.reason, info.wasClean, cause) })
  }

  function shut(s: WebSocketLike, code: number, reason: string): void {
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
  }

  const client: WebSocketClient<In, Out> = {
    get state() {
      return m.phase
    },
    url: shown,
    get protocol() {
      return socket?.protocol ?? ''
    },
    get bufferedAmount() {
      return socket?.bufferedAmount ?? 0
    },
    connect() {
      if (m.phase === 'closed' || m.ending) return Promise.reject(closedError())
      connected ??= new Promise<void>((resolve, reject) => {
        settleConnect = (error) => {
          settleConnect = undefined
          if (error) reject(error)
          else resolve()
        }
        dispatch({ type: 'connect' })
      })
      return connected
    },
    send: (message) => client.sendRaw(codec.encode(message)),
    sendRaw(data) {
      guard?.outbound(data)
      const phase = m.phase
      if (socket && phase === 'open') {
        socket.send(data as never)
        return socket.bufferedAmount < hwm
      }
      if (!queue || phase === 'closed' || phase === 'closing') {
        throw new NetworkingError(`WebSocket ${shown}: cannot send while ${phase}`, { code: 'ERR_WS_NOT_OPEN' })
      }
      return queue.push(data)
    },
    async drain() {
      while (socket && m.phase === 'open' && socket.bufferedAmount >= hwm) {
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
      closed ??= new Promise((resolve) => {
        resolveClosed = resolve
        dispatch({ type: 'close', code, reason })
        if (m.phase === 'closed') resolve()
      })
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
