import type { LogEvent } from '../log/types'
import type { ManagerEvent } from './events'
import { adviseRate, type RateAdviceOptions } from './rate-advice'
import { parseRateLimit } from './rate-limit-headers'
import type { OriginBucket } from './store'
import { createTokenBucket } from './token-bucket'

type RateLimitEvent = Extract<ManagerEvent, { type: 'rate-limit' }>

/**
 * The manager's rate limit (token bucket, `RateLimit-*` / `Retry-After` parsing and advice, its log
 * line), passed to `createNetworkManager({ features: [rateLimiting] })`. A feature rather than
 * built in so that a bundle whose manager never rate-limits does not carry it
 * (docs/decisions/network-manager.md).
 */
export interface RateLimitingFeature {
  readonly feature: 'rateLimiting'
  readonly bucket: typeof createTokenBucket
  /**
   * Feeds one response's rate-limit signals (429, `Retry-After`, `RateLimit-*`) to the origin's
   * bucket; the `rate-limit` event when they changed its pace, else undefined.
   */
  learn(bucket: OriginBucket, origin: string, response: Response, now: number, options: RateAdviceOptions): RateLimitEvent | undefined
  /** The manager's log line for a `rate-limit` event. */
  log(event: RateLimitEvent): LogEvent
}

export const rateLimiting: RateLimitingFeature = {
  feature: 'rateLimiting',
  bucket: createTokenBucket,
  learn(bucket, origin, response, now, options) {
    const advice = adviseRate(response.status, parseRateLimit(response.headers, now), now, options)
    bucket.apply(advice)
    if (!advice.penalize && !advice.cap && advice.pauseUntil === undefined) return undefined
    const s = bucket.snapshot()
    return { type: 'rate-limit', origin, rate: s.rate, pausedUntil: s.pausedUntil, status: response.status }
  },
  log: (event) => ({
    level: 'info',
    event: 'manager.rate-limit',
    message: `slowing down for ${event.origin} after HTTP ${event.status}: ${Number.isFinite(event.rate) ? `${event.rate.toFixed(2)} req/s` : 'no rate cap'}${event.pausedUntil ? `, paused until ${new Date(event.pausedUntil).toISOString()}` : ''}`,
    'server.origin': event.origin,
    rate: event.rate,
    pausedUntil: event.pausedUntil,
    'http.response.status_code': event.status,
  }),
}
