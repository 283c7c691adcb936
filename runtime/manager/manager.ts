import { budgetFor } from '../policy/budget'
import { createEmitter } from '../log/logger'
import type { LogEvent, LogLevel } from '../log/types'
import type { Hooks } from '../http/types'
import { ATTEMPT_HEADER } from './attempt-header'
import { ManagerClosedError, managerError, UnknownClientError } from './errors'
import { createEventHub, type ManagerEvent } from './events'
import { createGuardedFetch, type FetchFn } from './guarded-fetch'
import { createInflightSet } from './inflight'
import { closedError } from './kinds/bind-close'
import { createMetricsRecorder } from './metrics'
import { pickEnvironment } from './options'
import { createOriginRegistry } from './origin-state'
import { memoryStore, type OriginBudget } from './store'
import type { ClientContext, ClientSpec, InstanceOf, ManagerMetrics, NetworkManager, NetworkManagerOptions, OriginMetrics } from './types'

/**
 * Named clients sharing defaults and per-origin limits, closed together. Clients are created on
 * first `get()`; each one's HTTP traffic goes through a fetch that applies its origin's limits.
 */
export function createNetworkManager<const C extends Record<string, ClientSpec>>(options: NetworkManagerOptions<C>): NetworkManager<C> {
  const { clients: specs, defaults = {}, environment } = options
  const now = options.now ?? Date.now
  const log = createEmitter(defaults.logger)
  const rateLimiting = options.features?.find((f) => f.feature === 'rateLimiting')
  const hub = createEventHub(
    (error) => log?.({ level: 'warn', event: 'manager.listener', message: `a manager event listener threw: ${String(error)}` }),
    log
      ? (event) => {
          const entry = event.type === 'rate-limit' ? rateLimiting?.log(event) : toLogEvent(event)
          if (entry) log(entry)
        }
      : undefined,
  )
  const metrics = createMetricsRecorder()
  const store = options.store ?? memoryStore()
  const storeLog = (level: LogLevel, event: string, message: string): void => log?.({ level, event, message })
  const origins = createOriginRegistry(
    options.policy ?? {},
    options.origins ?? {},
    hub,
    now,
    options.maxOrigins,
    metrics.forgetOrigin,
    store,
    storeLog,
    rateLimiting,
  )
  // A fleet's retry budget (a shared store's): deposited by first attempts, withdrawn by retries.
  const budgetOf = (url: string): OriginBudget | undefined => {
    try {
      return origins.get(new URL(url).origin).budget
    } catch {
      return undefined
    }
  }
  const shareBudget = store.kind !== 'memory'
  const close = new AbortController()
  const inflight = createInflightSet()
  const calls = new Set<AbortController>()
  // Calls that returned a stream: abortable (with the generic close reason) while the stream is reachable.
  const retained = createInflightSet()
  const instances = new Map<string, { spec: ClientSpec; instance: unknown }>()
  let ids = 0
  let closing: Promise<void> | undefined

  // The manager's own error under the client's, naming the request when it is the generic close.
  const ownError = (error: unknown, client: string): unknown => {
    const own = managerError(error)
    return own === undefined || own !== close.signal.reason ? own : closedError(error, client, close.signal)
  }
  const hooksFor = (client: string): Hooks => ({
    onRequest({ attempt, headers, url }) {
      // No header means a first attempt: most requests pay nothing here.
      if (attempt > 1) headers.set(ATTEMPT_HEADER, String(attempt))
      else if (shareBudget) budgetOf(url)?.deposit()
    },
    // The client rethrows a NetworkingError from its fetch (an open breaker, a closed manager) as
    // it is, without retrying, so only the retries of real failures get here.
    async onRetry({ attempt, reason, delay, url, error }) {
      const budget = shareBudget ? budgetOf(url) : undefined
      if (budget) {
        const asked = budget.withdraw()
        // The fleet spent its retries: the caller gets this attempt's error, as with the local budget.
        if (!(typeof asked === 'boolean' ? asked : await asked)) {
          log?.({
            level: 'warn',
            event: 'manager.retry-budget',
            message: `${client}: the shared retry budget of ${new URL(url).origin} is spent; not retrying`,
          })
          throw error
        }
      }
      hub.emit({ type: 'retry', client, attempt, reason, delay })
    },
    onError({ error }) {
      const own = ownError(error, client)
      if (own) throw own
    },
  })

  const contextFor = (name: string): ClientContext => {
    const guard = (fetch: FetchFn | undefined, options: { followsClose?: boolean } = {}): FetchFn =>
      createGuardedFetch({
        ...options,
        client: name,
        origins,
        hub,
        metrics,
        closed: close.signal,
        inflight,
        nextId: () => ++ids,
        now,
        ...(fetch ? { fetch } : {}),
        ...(defaults.redact ? { redact: defaults.redact } : {}),
      })
    return {
      name,
      environment,
      defaults,
      fetch: guard(defaults.fetch),
      guard,
      signal: close.signal,
      calls,
      retain(controller, holder, unlink) {
        const entry = { controller, client: name, method: '', url: () => '', unlink, whole: true }
        retained.add(entry)
        retained.settle(entry, holder)
      },
      hooks: hooksFor(name),
      pick: (value, what) => pickEnvironment(value, environment, name, what),
      emit: hub.emit,
    }
  }

  const names = Object.keys(specs) as (keyof C & string)[]
  return {
    names,
    get<K extends keyof C & string>(name: K): InstanceOf<C[K]> {
      const existing = instances.get(name)
      if (existing) return existing.instance as InstanceOf<C[K]>
      const spec = Object.hasOwn(specs, name) ? specs[name] : undefined
      if (!spec) throw new UnknownClientError(name, names)
      if (close.signal.aborted) throw new ManagerClosedError(name, 'cannot be created after closeAll()')
      const instance = spec.kind.create(spec.config, contextFor(name))
      instances.set(name, { spec, instance })
      return instance as InstanceOf<C[K]>
    },
    get closed() {
      return close.signal.aborted
    },
    closeAll() {
      closing ??= (async () => {
        close.abort(new ManagerClosedError('(all)', 'aborted by closeAll()'))
        for (const call of calls) call.abort(close.signal.reason)
        calls.clear()
        retained.abortAll(close.signal.reason)
        inflight.abortAll()
        const results = await Promise.allSettled([...instances.values()].map(async ({ spec, instance }) => spec.kind.close?.(instance)))
        results.push(...(await Promise.allSettled([store.close?.()])))
        hub.emit({ type: 'close', time: now() })
        const failed = results.filter((r): r is PromiseRejectedResult => r.status === 'rejected')
        if (failed.length > 0)
          throw new AggregateError(
            failed.map((f) => f.reason),
            `Network manager: ${failed.length} client(s) failed to close`,
          )
      })()
      return closing
    },
    metrics(): ManagerMetrics {
      const traffic = metrics.clients()
      const clients: ManagerMetrics['clients'] = {}
      for (const name of names) {
        const held = instances.get(name)
        const spec = specs[name]!
        clients[name] = {
          kind: spec.kind.kind,
          ...(traffic[name] ?? { requests: 0, retries: 0, errors: {}, latency: { count: 0 } }),
          ...(held && spec.kind.describe ? spec.kind.describe(held.instance) : {}),
        }
      }
      const perOrigin = metrics.origins()
      const originMetrics: Record<string, OriginMetrics> = {}
      for (const state of origins.all()) {
        const entry: OriginMetrics = {
          ...(perOrigin[state.origin] ?? { requests: 0, retries: 0, errors: {}, latency: { count: 0 } }),
          inFlight: state.limiter.inFlight,
          queued: state.limiter.queued,
          breaker: state.breaker?.state() ?? 'off',
          retryBudget: { remaining: state.budget ? state.budget.remaining() : budgetFor(state.origin).remaining(Date.now()) },
        }
        if (state.bucket) entry.rateLimit = state.bucket.snapshot()
        originMetrics[state.origin] = entry
      }
      const health = store.metrics?.()
      return health ? { clients, origins: originMetrics, store: health } : { clients, origins: originMetrics }
    },
    subscribe: hub.subscribe,
  }
}

/** The manager's own log lines; attempts are logged by the clients themselves. */
function toLogEvent(event: ManagerEvent): LogEvent | undefined {
  switch (event.type) {
    case 'breaker':
      return {
        level: event.to === 'open' ? 'warn' : 'info',
        event: 'manager.breaker',
        message: `circuit for ${event.origin} ${event.from} → ${event.to}`,
        'server.origin': event.origin,
        from: event.from,
        to: event.to,
      }
    case 'close':
      return { level: 'info', event: 'manager.close', message: 'network manager closed' }
    default:
      return undefined
  }
}
