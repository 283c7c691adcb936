import type { Credential } from '../auth/types'
import type { Hooks, HttpClientOptions } from '../http/types'
import type { LoggerOption } from '../log/types'
import type { BreakerState } from './breaker'
import type { ManagerEvent, ManagerListener } from './events'
import type { FetchFn } from './guarded-fetch'
import type { TrafficMetrics } from './metrics'
import type { OriginPolicy } from './origin-state'
import type { OriginStore, StoreMetrics } from './store'
import type { BucketSnapshot } from './token-bucket'
import type { RateLimitingFeature } from './rate-limiting'

/** A value, or one value per environment name (`{ production: ..., staging: ... }`). */
export type PerEnvironment<T extends string> = T | Readonly<Record<string, T>>

/** What every client of a manager starts from; each client's own options win over these. */
export interface ManagerDefaults {
  /** Used by clients that give no base URL of their own. */
  baseUrl?: PerEnvironment<string>
  /** Merged under each client's headers (HTTP handshake headers for WebSockets). */
  headers?: Record<string, string>
  /** Auth strategies for hand-made HTTP clients (`httpClient()`). */
  auth?: HttpClientOptions['auth']
  /** Credentials for generated clients (`apiClient()`), by securityScheme name; merged under each client's `auth`. */
  credentials?: Record<string, Credential>
  retry?: HttpClientOptions['retry']
  timeout?: number
  deadline?: number
  /** Also used for the manager's own events (breaker changes, rate-limit pauses, close). */
  logger?: LoggerOption
  hooks?: Hooks
  redact?: HttpClientOptions['redact']
  /** Used under the manager's limits instead of `globalThis.fetch` (looked up at call time). */
  fetch?: FetchFn
}

/** What a client kind's `create` receives from the manager. */
export interface ClientContext {
  /** The client's key in `clients`. */
  readonly name: string
  readonly environment: string | undefined
  readonly defaults: ManagerDefaults
  /**
   * The fetch to send every request (and every attempt) through: the origin's concurrency limit,
   * rate limit and circuit breaker, metrics, events and `closeAll()` act there. It wraps
   * `defaults.fetch`, or `globalThis.fetch` looked up at call time.
   */
  readonly fetch: FetchFn
  /**
   * The same guard around another fetch (a client's own `fetch` option). `followsClose`: the
   * kind gives every call a signal from `calls`, so attempts need no controller of their own.
   */
  guard(fetch: FetchFn | undefined, options?: { followsClose?: boolean }): FetchFn
  /** Aborted by `closeAll()`. */
  readonly signal: AbortSignal
  /**
   * Controllers of calls in progress; `closeAll()` aborts each (with `signal.reason`). A kind that
   * wraps its client's calls adds one per call and deletes it when the call ends.
   */
  readonly calls: Set<AbortController>
  /** Keeps `controller` abortable by `closeAll()` while `holder` (a stream a call returned) is reachable; `unlink` runs when it goes. */
  retain(controller: AbortController, holder: object, unlink: () => void): void
  /**
   * Hooks for an HTTP client of this package: they tell the manager which attempt each call is and
   * stop retries once the breaker is open or the manager is closed. Chain them after the user's.
   */
  readonly hooks: Hooks
  /** Picks this environment's value of a per-environment setting; throws naming the client when it has none. */
  pick<T extends string>(value: PerEnvironment<T>, what: string): T
  /** Publishes an event to the manager's subscribers (a kind's own lifecycle, e.g. socket state). */
  emit(event: ManagerEvent): void
}

/**
 * A kind of client the manager can hold: HTTP, generated API and WebSocket are built in; register
 * another protocol (SSE, GraphQL...) by writing one of these. `create` must send every HTTP request
 * through `context.fetch`; `close` releases whatever `create` opened and may be called once.
 */
export interface ClientKind<TConfig, TInstance> {
  /** Shown in metrics and errors, e.g. `http`, `websocket`, `graphql`. */
  readonly kind: string
  create(config: TConfig, context: ClientContext): TInstance
  close?(instance: TInstance): void | Promise<void>
  /** Extra live facts for `metrics()` (e.g. a socket's state). */
  describe?(instance: TInstance): Record<string, unknown>
}

/** One entry of `clients`: a kind and its configuration. Built by `httpClient()`, `apiClient()`, `webSocketClient()` or `defineClient()`. */
export interface ClientSpec<TInstance = unknown, TConfig = unknown> {
  readonly kind: ClientKind<TConfig, TInstance>
  readonly config: TConfig
}

export type InstanceOf<S> = S extends ClientSpec<infer I> ? I : never

export interface NetworkManagerOptions<C extends Record<string, ClientSpec>> {
  clients: C
  defaults?: ManagerDefaults
  /** Selects per-environment values (`baseUrl: { production, staging }`). */
  environment?: string
  /** Limits for every origin. @default { breaker: {} } (breaker on; no concurrency or rate limit) */
  policy?: OriginPolicy
  /** Per-origin overrides of `policy`, keyed by origin (`https://api.example.com`). */
  origins?: Record<string, OriginPolicy>
  /**
   * Origins whose state (limits, breaker, metrics) is kept; past it the least recently used idle
   * origin is forgotten, so a crawler's memory stays flat. @default 1000
   */
  maxOrigins?: number
  /**
   * Where per-origin state lives. @default memoryStore() (this process). `createRedisStore()` from
   * `@codomyrmex/networking/redis` shares limits, rate-limit pauses, retry budget and breaker across
   * processes; `closeAll()` closes the store too.
   */
  store?: OriginStore
  /**
   * Optional parts of the manager, kept out of bundles that do not pass them: `rateLimiting`
   * (from `@codomyrmex/networking/runtime`) is needed by `policy.rateLimit`.
   */
  features?: readonly RateLimitingFeature[]
  /** For tests: the clock used by breakers, buckets and durations (epoch ms). @default Date.now */
  now?: () => number
}

export interface OriginMetrics extends TrafficMetrics {
  inFlight: number
  queued: number
  breaker: BreakerState | 'off'
  rateLimit?: BucketSnapshot
  /** Retries left in the origin's retry budget window (the HTTP clients of the process, or the fleet's with a shared store). */
  retryBudget?: { remaining: number }
}

export interface ClientMetrics extends TrafficMetrics {
  kind: string
  [fact: string]: unknown
}

export interface ManagerMetrics {
  clients: Record<string, ClientMetrics>
  origins: Record<string, OriginMetrics>
  /** A shared store's health (absent with the default in-process store). */
  store?: StoreMetrics
}

export interface NetworkManager<C extends Record<string, ClientSpec>> {
  /** The client named `name`, created on first use. */
  get<K extends keyof C & string>(name: K): InstanceOf<C[K]>
  readonly names: readonly (keyof C & string)[]
  /** Aborts every request queued or in flight and closes every socket. Safe to call any number of times. */
  closeAll(): Promise<void>
  readonly closed: boolean
  metrics(): ManagerMetrics
  /** Observes every attempt, wait, rejection, breaker change and rate-limit pause. Returns the unsubscribe function. */
  subscribe(listener: ManagerListener): () => void
}
