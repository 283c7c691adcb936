import { HttpError, type HttpErrorInit } from './http-error'
import { describe } from './request-info'

/**
 * The server asked us to wait (`Retry-After`) longer than the call may: past the remaining deadline
 * or above `maxRetryAfter`. Thrown at once instead of sleeping; `retryAt` says when to come back.
 */
export class RateLimitedError<B = unknown> extends HttpError<B> {
  override name = 'RateLimitedError'
  declare readonly retryAt: Date
  constructor(init: HttpErrorInit & { retryAt: Date }) {
    super(init, `${describe(init)} rate limited (HTTP ${init.status}); retry at ${iso(init.retryAt) ?? 'an unknown time'}`)
    Object.assign(this, { retryAt: init.retryAt, code: 'ERR_RATE_LIMITED' })
  }

  override toJSON(): Record<string, unknown> {
    return { ...super.toJSON(), retryAt: iso(this.retryAt) ?? null }
  }
}

// toISOString throws on an invalid Date: an error must never throw while being described.
const iso = (d: Date): string | undefined => (Number.isNaN(d.getTime()) ? undefined : d.toISOString())
