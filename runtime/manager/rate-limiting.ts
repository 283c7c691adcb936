import { adviseRate, type RateAdvice, type RateAdviceOptions } from './rate-advice'
import { parseRateLimit } from './rate-limit-headers'
import { createTokenBucket } from './token-bucket'

/**
 * The manager's rate limit (token bucket, `RateLimit-*` / `Retry-After` parsing and advice), passed
 * to `createNetworkManager({ features: [rateLimiting] })`. A feature rather than built in so that
 * a bundle whose manager never rate-limits does not carry it (docs/decisions/network-manager.md).
 */
export interface RateLimitingFeature {
  readonly feature: 'rateLimiting'
  readonly bucket: typeof createTokenBucket
  /** What one response says about the origin's rate (429, `Retry-After`, `RateLimit-*`). */
  advise(response: Response, now: number, options: RateAdviceOptions): RateAdvice
}

export const rateLimiting: RateLimitingFeature = {
  feature: 'rateLimiting',
  bucket: createTokenBucket,
  advise: (response, now, options) => adviseRate(response.status, parseRateLimit(response.headers, now), now, options),
}
