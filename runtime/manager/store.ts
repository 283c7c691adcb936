import type { LogLevel } from '../log/types'
import type { BreakerOptions, BreakerPermit, BreakerState } from './breaker'
import type { RateAdvice, RateAdviceOptions } from './rate-advice'
import type { BucketSnapshot, TokenBucketOptions } from './token-bucket'

/**
 * Where an origin's limits live. The manager builds each origin's own in-process state (today's
 * limiter, token bucket and breaker) and hands it to the store's `open()`: the default store
 * returns it as it is, so the in-process path pays nothing; a shared store (Redis) returns parts
 * that make each decision in one call to the server and falls back on the local ones in an outage.
 *
 * Every decision is one call of one part, synchronous where the answer is local and a promise only
 * where it has to travel (`MaybePromise`), so the guard awaits only what is remote.
 */
export type MaybePromise<T> = T | Promise<T>

/** The origin's concurrency limit: a lease per request in flight. */
export interface OriginLimiter {
  /** Resolves with the release function once a slot is held; rejects with the signal's reason if aborted first. */
  acquire(key: string, signal?: AbortSignal): Promise<() => void>
  /** This process's requests holding a slot / waiting for one. */
  readonly inFlight: number
  readonly queued: number
}

/** The origin's token bucket, with the penalty servers impose (429, `Retry-After`, `RateLimit-*`). */
export interface OriginBucket {
  /** Takes a token; the ms to wait before sending (0: now). */
  reserve(): MaybePromise<number>
  /** What one response said about the rate (pause, cap, halve, recover); a shared store shares it. */
  apply(advice: RateAdvice): void
  snapshot(): BucketSnapshot
}

/** The origin's circuit breaker. */
export interface OriginBreaker {
  /** The state as this process last saw it (no round trip): the guard fails fast on `open`. */
  state(): BreakerState
  /** Asks to send now; a half-open breaker grants one probe. */
  acquire(): MaybePromise<BreakerPermit>
  /** The outcome of a request `acquire` allowed: healthy, failed, or `null` (no verdict: only frees a probe). */
  record(success: boolean | null, probe: boolean): void
  /** When an open breaker lets a probe through (epoch ms). */
  retryAt(): number
}

/** A retry budget shared by a fleet (absent: each process's own budget in the HTTP client applies alone). */
export interface OriginBudget {
  /** One first attempt was sent. */
  deposit(): void
  /** May one retry go? */
  withdraw(): MaybePromise<boolean>
  /** Retries left in the window, as last seen. */
  remaining(): number
}

export interface OriginParts {
  limiter: OriginLimiter
  bucket: OriginBucket | undefined
  breaker: OriginBreaker | undefined
  budget?: OriginBudget
}

/** What a store's `open()` receives for one origin. */
export interface OriginStoreContext {
  /** The origin's policy, defaults and overrides merged (`maxConcurrent` is `Infinity` when unlimited). */
  readonly policy: {
    maxConcurrent: number
    rateLimit: (TokenBucketOptions & RateAdviceOptions) | undefined
    breaker: BreakerOptions | undefined
  }
  /** This process's own state for the origin: what the default store uses, and a shared store's fallback. */
  readonly local: OriginParts
  /** Tells the manager's subscribers that the breaker moved, as this process observed it. */
  breakerChanged(from: BreakerState, to: BreakerState): void
  /** The manager's logger (silent without one). */
  log(level: LogLevel, event: string, message: string): void
  /** The manager's clock (epoch ms). */
  now(): number
}

/** A shared store's health, in `metrics().store`. */
export interface StoreMetrics {
  kind: string
  /** `down` from a failed or timed-out call until a trial call succeeds again. */
  state: 'up' | 'down'
  /** Times the store went down. */
  outages: number
  /** Store calls that failed or timed out. */
  failures: number
  /** Decisions made with the local limits instead (fail-open). */
  fallbacks: number
  /** Requests refused because the store was down (fail-closed). */
  refused: number
}

export interface OriginStore {
  /** Shown in metrics and errors: `memory`, `redis`. */
  readonly kind: string
  /** The parts deciding for `origin`; called once per origin the manager holds (again after an eviction). */
  open(origin: string, context: OriginStoreContext): OriginParts
  metrics?(): StoreMetrics
  /** Called by the manager's `closeAll()`: release what the store holds (leases, timers, connections). */
  close?(): Promise<void>
}

/** The default: each manager's origins keep their state in this process, as parts of the manager. */
export function memoryStore(): OriginStore {
  return { kind: 'memory', open: (_origin, context) => context.local }
}
