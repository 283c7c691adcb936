import type { RetryBudgetOptions } from '../policy/budget'
import type { OriginBudget } from '../manager/store'
import type { Script } from './connection'
import { ignore, num, type PartContext } from './context'
import { BUDGET_DEPOSIT, BUDGET_WITHDRAW } from './scripts'

const deposit: Script = { source: BUDGET_DEPOSIT }
const withdraw: Script = { source: BUDGET_WITHDRAW }

/**
 * The fleet's retry budget for an origin (same rule as the in-process one: retries may add
 * `ratio` of the first attempts plus `floor` per window). First attempts of one tick are deposited
 * in one call, off the request's path. While the store is down a retry is allowed here: each
 * process's own budget still applies, and a fail-closed store refuses the retry's admission anyway.
 */
export function redisBudget(ctx: PartContext, key: string, options: RetryBudgetOptions): OriginBudget {
  const { ratio = 0.2, floor = 3, window = 10_000 } = options
  let pending = 0
  let remaining = floor
  const flush = (): void => {
    const n = pending
    pending = 0
    ctx.connection.run(deposit, key, [window, n]).then(ignore, ignore)
  }
  return {
    deposit() {
      if (ctx.connection.down) return
      if (pending++ === 0) queueMicrotask(flush)
    },
    withdraw() {
      return ctx.connection.run(withdraw, key, [window, ratio, floor]).then(
        (reply) => {
          const [granted, left] = reply as unknown[]
          remaining = num(left)
          return num(granted) === 1
        },
        () => true,
      )
    },
    remaining: () => remaining,
  }
}
