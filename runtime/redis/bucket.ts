import type { OriginBucket } from '../manager/store'
import type { RateAdvice, RateAdviceOptions } from '../manager/rate-advice'
import type { BucketSnapshot, TokenBucketOptions } from '../manager/token-bucket'
import type { Script } from './connection'
import { ignore, num, outage, type PartContext } from './context'
import { ADVISE, TAKE } from './scripts'

const take: Script = { source: TAKE }
const advise: Script = { source: ADVISE }

/** How long an idle bucket's state is kept at least (a pause or a cap keeps it longer). */
const KEEP = 60_000

/**
 * The origin's token bucket on the server: every process takes its tokens there, so a fleet keeps
 * one rate, and one process's 429 or exhausted quota pauses them all. The local bucket gets the
 * same advice, so it is current if the store goes down and it has to decide alone.
 */
export function redisBucket(ctx: PartContext, key: string, options: TokenBucketOptions & RateAdviceOptions, local: OriginBucket): OriginBucket {
  const rate = options.rate ?? Infinity
  const burst = options.burst ?? (Number.isFinite(rate) ? Math.max(1, rate) : 10)
  const base = [Number.isFinite(rate) ? rate : -1, burst, KEEP]
  let seen: BucketSnapshot = { rate, tokens: burst, pausedUntil: 0 }
  // A reward (a success) only matters while a 429 holds the shared rate down: skip the call otherwise.
  let penalized = false
  const note = (r: unknown, tokens: unknown, flag: unknown, paused: unknown): void => {
    const shown = num(r)
    const pausedMs = num(paused)
    seen = { rate: shown < 0 ? Infinity : shown, tokens: num(tokens), pausedUntil: pausedMs > 0 ? ctx.now() + pausedMs : 0 }
    penalized = num(flag) === 1
  }

  return {
    reserve() {
      return ctx.connection.run(take, key, base).then(
        (reply) => {
          const [wait, r, tokens, flag, paused] = reply as unknown[]
          note(r, tokens, flag, paused)
          return Math.max(0, Math.ceil(num(wait)))
        },
        (error: unknown) => outage(ctx, error, () => local.reserve()),
      )
    },
    apply(advice: RateAdvice) {
      local.apply(advice)
      const shares = advice.penalize || advice.cap !== undefined || advice.pauseUntil !== undefined || (advice.reward && penalized)
      if (!shares || ctx.connection.down) return
      const t = ctx.now()
      const args = [
        ...base,
        options.minRate ?? 0.1,
        advice.penalize ? 1 : 0,
        advice.reward ? 1 : 0,
        advice.cap ? advice.cap.remaining : -1,
        advice.cap ? Math.max(0, advice.cap.until - t) : 0,
        advice.pauseUntil === undefined ? -1 : Math.max(0, advice.pauseUntil - t),
      ]
      ctx.connection.run(advise, key, args).then((reply) => {
        const [r, tokens, flag, paused] = reply as unknown[]
        note(r, tokens, flag, paused)
      }, ignore)
    },
    snapshot() {
      const mine = local.snapshot()
      if (ctx.connection.down) return mine
      return { rate: Math.min(seen.rate, mine.rate), tokens: seen.tokens, pausedUntil: Math.max(seen.pausedUntil, mine.pausedUntil) }
    },
  }
}
