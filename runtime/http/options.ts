import { defaultRetryPolicy, type RetryPolicy } from '../policy/retry'
import type { RetryBudgetOptions } from '../policy/budget'
import type { RetryOptions } from './types'

export type ResolvedRetry = RetryPolicy & { budget: RetryBudgetOptions | false | undefined }

function normalize(r: number | RetryOptions | false | undefined): RetryOptions | undefined {
  if (r === undefined) return undefined
  if (r === false) return { limit: 0 }
  if (typeof r === 'number') return { limit: r }
  return r
}

/** Client defaults, then the call's own retry options; a streamed body cannot be sent twice. */
export function resolveRetry(
  client: number | RetryOptions | false | undefined,
  call: number | RetryOptions | false | undefined,
  replayable: boolean,
): ResolvedRetry {
  const a = normalize(client)
  const b = normalize(call)
  const merged: ResolvedRetry = { ...defaultRetryPolicy, budget: undefined }
  for (const o of [a, b]) {
    if (!o) continue
    for (const key of Object.keys(o) as (keyof RetryOptions)[]) {
      if (o[key] !== undefined) (merged as unknown as Record<string, unknown>)[key] = o[key]
    }
  }
  if (!replayable) merged.limit = 0
  return merged
}
