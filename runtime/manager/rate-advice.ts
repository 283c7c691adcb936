import type { RateLimitInfo } from './rate-limit-headers'

/**
 * How one response should change an origin's token bucket. Pure. The point is to slow down
 * *before* the server refuses: once the remaining quota drops under `slowBelow` of the limit, the
 * rest is spread evenly until the reset; at zero, nothing is sent until the reset.
 */

export interface RateAdviceOptions {
  /** Start pacing when remaining / limit falls to this fraction (or remaining ≤ 5 when the limit is unknown). @default 0.2 */
  slowBelow?: number
  /** Longest pause a server's header can impose, in ms; longer waits are clamped. @default 60_000 */
  maxPause?: number
}

export interface RateAdvice {
  /** Send nothing before this epoch ms. */
  pauseUntil?: number
  /** Pace `remaining` requests until `until` (epoch ms). */
  cap?: { remaining: number; until: number }
  /** Multiplicative decrease (a 429). */
  penalize: boolean
  /** Additive recovery (a success). */
  reward: boolean
}

/** When a 429 says nothing about when to come back. */
const DEFAULT_429_PAUSE = 1_000

export function adviseRate(status: number, info: RateLimitInfo, now: number, options: RateAdviceOptions = {}): RateAdvice {
  const { slowBelow = 0.2, maxPause = 60_000 } = options
  const clamp = (at: number): number => Math.min(at, now + maxPause)
  const advice: RateAdvice = { penalize: status === 429, reward: status < 400 }
  if (status === 429 || status === 503) {
    const at = info.retryAt ?? (status === 429 ? (info.resetAt ?? now + DEFAULT_429_PAUSE) : undefined)
    if (at !== undefined && at > now) advice.pauseUntil = clamp(at)
    return advice
  }
  const { remaining, limit, resetAt } = info
  if (remaining === undefined || resetAt === undefined || resetAt <= now) return advice
  if (remaining <= 0) advice.pauseUntil = clamp(resetAt)
  else if (limit === undefined ? remaining <= 5 : remaining / limit <= slowBelow) {
    advice.cap = { remaining, until: clamp(resetAt) }
  }
  return advice
}
