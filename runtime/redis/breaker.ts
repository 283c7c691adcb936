import type { BreakerOptions, BreakerPermit, BreakerState } from '../manager/breaker'
import type { OriginBreaker } from '../manager/store'
import type { Script } from './connection'
import { ignore, num, outage, type PartContext } from './context'
import { BREAKER_PERMIT, BREAKER_RECORD } from './scripts'

const permit: Script = { source: BREAKER_PERMIT }
const record: Script = { source: BREAKER_RECORD }

/**
 * The origin's circuit breaker on the server: failures seen by any process count in one window,
 * so it opens for all; once the break is over, a single probe lease lets one process (one request)
 * try, and its outcome closes or reopens it for all. This process keeps the state it last saw, for
 * the guard's fail-fast check and for the events its subscribers get. While the store is down the
 * local breaker decides (fail-open) and is fed.
 */
export function redisBreaker(
  ctx: PartContext,
  key: string,
  options: BreakerOptions,
  probeTtl: number,
  local: OriginBreaker,
  changed: (from: BreakerState, to: BreakerState) => void,
): OriginBreaker {
  const { failureRatio = 0.5, minimumThroughput = 10, samplingDuration = 10_000, breakDuration = 5_000 } = options
  // Kept past the window, the break and a probe; refreshed by every call.
  const keep = samplingDuration + breakDuration + probeTtl + 1_000
  let seen: BreakerState = 'closed'
  let openUntil = 0

  const see = (before: unknown, after: unknown, retryIn: unknown): void => {
    const steps = [before, after] as BreakerState[]
    if (after === 'open') openUntil = ctx.now() + num(retryIn)
    for (const to of steps) {
      if (to === seen) continue
      const from = seen
      seen = to
      changed(from, to)
    }
  }

  return {
    state() {
      if (ctx.connection.down) return local.state()
      return seen === 'open' && ctx.now() >= openUntil ? 'half-open' : seen
    },
    acquire() {
      return ctx.connection.run(permit, key, [breakDuration, ctx.id, probeTtl, keep]).then(
        (reply): BreakerPermit => {
          const [allowed, probe, before, after, retryIn] = reply as unknown[]
          see(before, after, retryIn)
          return num(allowed) === 1 ? { allowed: true, probe: num(probe) === 1 } : { allowed: false, retryAt: ctx.now() + num(retryIn) }
        },
        (error: unknown) => outage(ctx, error, () => local.acquire()),
      )
    },
    record(success, probe) {
      if (ctx.connection.down) return local.record(success, probe)
      if (success === null && !probe) return
      const outcome = success === null ? -1 : success ? 1 : 0
      const args = [breakDuration, ctx.id, outcome, probe ? 1 : 0, samplingDuration, failureRatio, minimumThroughput, keep]
      ctx.connection.run(record, key, args).then((reply) => {
        const [before, after, retryIn] = reply as unknown[]
        see(before, after, retryIn)
      }, ignore)
    },
    retryAt() {
      return ctx.connection.down ? local.retryAt() : openUntil
    },
  }
}
