/**
 * A token bucket for one origin, pure with the clock passed in. It works by reservation: `reserve()`
 * takes a token now, even one that does not exist yet, and returns how long the caller must wait
 * for it, so queued requests get evenly spaced start times without a timer per token.
 *
 * Two things slow it below the configured rate: a 429 halves the rate (multiplicative decrease,
 * recovered a little on each success, as in AWS's adaptive retry mode), and the server's own
 * rate-limit headers cap the rate until their reset time.
 */

import type { RateAdvice } from './rate-advice'

export interface TokenBucketOptions {
  /** Requests per second; `Infinity` means "only what the server's headers allow". @default Infinity */
  rate?: number
  /** Requests that may start at once after a quiet period. @default max(1, rate) or 10 when unlimited */
  burst?: number
  /** Lowest rate a run of 429s can push the bucket to, in requests per second. @default 0.1 */
  minRate?: number
}

export interface BucketSnapshot {
  /** The rate in force now, requests per second (`Infinity` when unlimited). */
  rate: number
  tokens: number
  /** Epoch ms before which nothing starts (after a 429 or an exhausted quota), or 0. */
  pausedUntil: number
}

export interface TokenBucket {
  /** Takes a token; returns the ms to wait before sending (0 to go now). */
  reserve(): number
  /** Nothing starts before `until` (epoch ms). */
  pause(until: number): void
  /** The server said `remaining` requests are left until `until`: pace them evenly. */
  cap(remaining: number, until: number): void
  /** The server refused with 429: halve the adaptive rate. */
  penalize(): void
  /** A success: win back a twentieth of the configured rate. */
  reward(): void
  /** One response's advice, in the order above: halve or recover, then cap, then pause. */
  apply(advice: RateAdvice): void
  snapshot(): BucketSnapshot
}

export function createTokenBucket(options: TokenBucketOptions, now: () => number): TokenBucket {
  const configured = options.rate ?? Infinity
  const burst = options.burst ?? (Number.isFinite(configured) ? Math.max(1, configured) : 10)
  const minRate = options.minRate ?? 0.1
  let adaptive = configured
  let capRate = Infinity
  let capUntil = 0
  let tokens = burst
  let last = now()

  const rate = (t: number): number => Math.min(adaptive, t < capUntil ? capRate : Infinity)
  const refill = (t: number): void => {
    if (t > last) {
      const r = rate(t)
      tokens = r === Infinity ? burst : Math.min(burst, tokens + ((t - last) / 1000) * r)
      last = t
    }
  }

  return {
    reserve() {
      const t = now()
      refill(t)
      tokens -= 1
      const r = rate(t)
      const deficit = tokens < 0 ? (-tokens / r) * 1000 : 0
      return Math.max(0, last - t) + deficit
    },
    pause(until) {
      const t = now()
      refill(t)
      if (until <= Math.max(t, last)) return
      // Refill restarts at `until`, with one token so the first waiter goes at once then.
      last = until
      tokens = Math.min(tokens, 1)
    },
    cap(remaining, until) {
      const t = now()
      if (until <= t) return
      refill(t)
      if (remaining <= 0) return this.pause(until)
      capRate = remaining / ((until - t) / 1000)
      capUntil = until
      tokens = Math.min(tokens, remaining)
    },
    penalize() {
      const t = now()
      refill(t)
      const current = rate(t)
      if (Number.isFinite(current)) adaptive = Math.max(minRate, current / 2)
    },
    reward() {
      if (adaptive < configured) adaptive = Math.min(configured, adaptive + configured / 20)
    },
    apply(advice) {
      if (advice.penalize) this.penalize()
      else if (advice.reward) this.reward()
      if (advice.cap) this.cap(advice.cap.remaining, advice.cap.until)
      if (advice.pauseUntil !== undefined) this.pause(advice.pauseUntil)
    },
    snapshot() {
      const t = now()
      refill(t)
      return { rate: rate(t), tokens, pausedUntil: last > t ? last : 0 }
    },
  }
}
