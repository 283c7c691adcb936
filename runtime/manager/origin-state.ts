import { ConfigurationError } from '../errors/configuration-error'
import type { LogLevel } from '../log/types'
import { createBreaker, type BreakerOptions, type BreakerState } from './breaker'
import type { EventHub } from './events'
import { createLimiter } from './limiter'
import type { RateAdviceOptions } from './rate-advice'
import type { RateLimitingFeature } from './rate-limiting'
import { memoryStore, type OriginBreaker, type OriginBucket, type OriginBudget, type OriginLimiter, type OriginStore } from './store'
import type { TokenBucketOptions } from './token-bucket'

/** Limits applied to one origin, shared by every client of the manager that talks to it. */
export interface OriginPolicy {
  /** Most requests in flight to the origin at once; the rest wait, served fairly across clients. @default Infinity */
  maxConcurrent?: number
  /**
   * A token bucket per origin. `{}` turns on only the server-driven part (pause on 429 and on an
   * exhausted `RateLimit-*` quota, pace when it runs low); `rate` adds a client-side ceiling.
   * Needs the `rateLimiting` feature (`createNetworkManager({ features: [rateLimiting] })`).
   * @default false
   */
  rateLimit?: false | (TokenBucketOptions & RateAdviceOptions)
  /**
   * Longest wait for a slot (rate-limit pacing and `maxConcurrent`) in ms, after which the call
   * fails with a `TimeoutError` of kind `queue` without being sent. The call's `deadline` bounds
   * the wait as well; the per-attempt `timeout` starts only when the request is sent.
   * @default none
   */
  queueTimeout?: number
  /** The circuit breaker; `false` turns it off. @default {} (on, with the defaults of BreakerOptions) */
  breaker?: false | BreakerOptions
}

export interface OriginState {
  origin: string
  limiter: OriginLimiter
  bucket: OriginBucket | undefined
  breaker: OriginBreaker | undefined
  /** A fleet's shared retry budget, when the store has one. */
  budget: OriginBudget | undefined
  /** Feeds a response's rate-limit headers to `bucket`; set when it is. */
  learn: ((response: Response, now: number) => void) | undefined
  queueTimeout: number | undefined
}

function originKey(key: string): string {
  try {
    return new URL(key).origin
  } catch {
    throw new ConfigurationError(`createNetworkManager: origins key ${JSON.stringify(key)} is not an origin URL (like https://api.example.com)`, 'origins')
  }
}

function idle(state: OriginState): boolean {
  return state.limiter.inFlight === 0 && state.limiter.queued === 0 && (state.breaker?.state() ?? 'closed') === 'closed'
}

/**
 * Per-origin state, created on first use from the defaults merged with that origin's overrides.
 * A scraper may meet thousands of origins: past `maxOrigins`, the least recently used idle one
 * (nothing in flight or queued, breaker closed) is forgotten, with its metrics (`onEvict`).
 */
export function createOriginRegistry(
  defaults: OriginPolicy,
  overrides: Record<string, OriginPolicy>,
  hub: EventHub,
  now: () => number,
  maxOrigins = 1_000,
  onEvict: (origin: string) => void = () => {},
  store: OriginStore = memoryStore(),
  log: (level: LogLevel, event: string, message: string) => void = () => {},
  rateLimiting?: RateLimitingFeature,
): { get(origin: string): OriginState; all(): OriginState[] } {
  // A Map keeps insertion order; re-inserting on use makes its first entries the least recently used.
  const states = new Map<string, OriginState>()
  const normalized = new Map(Object.entries(overrides).map(([k, v]) => [originKey(k), v]))
  if (!rateLimiting) {
    for (const [where, policy] of [
      ['policy', defaults],
      ...Object.entries(overrides).map(([k, v]) => [`origins[${JSON.stringify(k)}]`, v] as const),
    ] as const) {
      if (policy.rateLimit)
        throw new ConfigurationError(
          `createNetworkManager: ${where}.rateLimit needs the rate-limiting feature: pass features: [rateLimiting] (exported by @codomyrmex/networking/runtime)`,
          `${where}.rateLimit`,
        )
    }
  }
  const evict = (): void => {
    for (const [origin, state] of states) {
      if (states.size < maxOrigins) return
      if (idle(state)) {
        states.delete(origin)
        onEvict(origin)
      }
    }
  }
  return {
    get(origin) {
      let state = states.get(origin)
      if (state) {
        states.delete(origin)
        states.set(origin, state)
        return state
      }
      evict()
      const policy = { ...defaults, ...normalized.get(origin) }
      const rate = policy.rateLimit
      const breakerOptions = policy.breaker ?? {}
      const maxConcurrent = policy.maxConcurrent ?? Infinity
      const breakerChanged = (from: BreakerState, to: BreakerState): void => hub.emit({ type: 'breaker', origin, from, to, time: now() })
      const local = {
        limiter: createLimiter(maxConcurrent),
        bucket: rate && rateLimiting ? rateLimiting.bucket(rate, now) : undefined,
        breaker: breakerOptions === false ? undefined : createBreaker(breakerOptions, now, breakerChanged),
      }
      const parts = store.open(origin, {
        policy: { maxConcurrent, rateLimit: rate || undefined, breaker: breakerOptions || undefined },
        local,
        breakerChanged,
        log,
        now,
      })
      state = {
        origin,
        limiter: parts.limiter,
        bucket: parts.bucket,
        breaker: parts.breaker,
        budget: parts.budget,
        learn:
          rate && rateLimiting && parts.bucket
            ? (response, t) => {
                const event = rateLimiting.learn(parts.bucket!, origin, response, t, rate)
                if (event) hub.emit(event)
              }
            : undefined,
        queueTimeout: policy.queueTimeout,
      }
      states.set(origin, state)
      return state
    },
    all: () => [...states.values()],
  }
}
