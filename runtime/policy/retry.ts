import { backoff } from './backoff'
import { isReplaySafe } from './idempotency'
import { parseRateLimitReset, parseRetryAfter } from './retry-after'

/** What went wrong with an attempt, as far as retrying is concerned. */
export type FailureKind =
  /** A response with a non-2xx status. */
  | 'status'
  /** Connection refused: the request provably never reached the server. */
  | 'refused'
  /** Reset, DNS, TLS, truncated body: the request may have reached the server. */
  | 'network'
  /** The per-attempt timeout fired. */
  | 'timeout'
  /** The total deadline passed, the caller aborted, the body did not parse, or a bug: never retried. */
  | 'final'

export interface RetryPolicy {
  /** Retries after the first attempt. @default 2 */
  limit: number
  statusCodes: readonly number[]
  baseDelay: number
  maxDelay: number
  maxRetryAfter: number
}

export const defaultRetryPolicy: RetryPolicy = {
  limit: 2,
  statusCodes: [408, 425, 429, 500, 502, 503, 504],
  baseDelay: 300,
  maxDelay: 10_000,
  maxRetryAfter: 60_000,
}

export interface RetryFacts {
  /** Attempts made so far (1 after the first). */
  attempt: number
  method: string
  idempotent?: boolean | undefined
  hasIdempotencyKey?: boolean | undefined
  failure: FailureKind
  status?: number | undefined
  /** Response header lookup (lower-case names). */
  header?: ((name: string) => string | null | undefined) | undefined
  now: number
  /** Epoch ms when the whole call must end. */
  deadlineAt?: number | undefined
  random: () => number
  /** Asked last, only when everything else says retry: spends one unit of the retry budget. */
  spendBudget?: (() => boolean) | undefined
}

export type RetryDecision =
  | { retry: true; delay: number; reason: string; delaySource: 'backoff' | 'retry-after' }
  | { retry: false; reason: string /** Set when the server asked for a wait we will not do. */; retryAt?: number }

/** Decides whether to retry and after how long, saying why either way (the logger prints it). */
export function decide(policy: RetryPolicy, f: RetryFacts): RetryDecision {
  if (f.failure === 'final') return { retry: false, reason: 'not retriable' }
  const veto = f.header?.('x-should-retry')
  if (veto === 'false') return { retry: false, reason: 'server sent x-should-retry: false' }
  if (f.attempt > policy.limit) return { retry: false, reason: `${f.attempt} attempts made` }

  const reason =
    f.failure === 'status'
      ? `status ${f.status}`
      : f.failure === 'refused'
        ? 'connection refused'
        : f.failure === 'timeout'
          ? 'attempt timeout'
          : 'network error'
  const forced = veto === 'true'
  if (!forced) {
    if (f.failure === 'status' && !policy.statusCodes.includes(f.status ?? 0)) return { retry: false, reason: `status ${f.status} is not retried` }
    if (f.failure !== 'refused' && !isReplaySafe(f))
      return { retry: false, reason: `${f.method} is not idempotent (mark the operation idempotent or send an Idempotency-Key)` }
  }

  let delay: number
  let delaySource: 'backoff' | 'retry-after' = 'backoff'
  const asked =
    f.failure === 'status' && f.header ? (parseRetryAfter(f.header, f.now) ?? (f.status === 429 ? parseRateLimitReset(f.header, f.now) : undefined)) : undefined
  if (asked !== undefined) {
    if (asked > policy.maxRetryAfter) return { retry: false, reason: `Retry-After ${asked} ms exceeds maxRetryAfter`, retryAt: f.now + asked }
    if (f.deadlineAt !== undefined && f.now + asked >= f.deadlineAt)
      return { retry: false, reason: `Retry-After ${asked} ms exceeds the deadline`, retryAt: f.now + asked }
    delay = asked
    delaySource = 'retry-after'
  } else {
    delay = backoff(f.attempt, policy.baseDelay, policy.maxDelay, f.random)
    if (f.deadlineAt !== undefined && f.now + delay >= f.deadlineAt) return { retry: false, reason: 'no time left before the deadline' }
  }
  if (f.spendBudget && !f.spendBudget()) return { retry: false, reason: 'retry budget exhausted' } // the client matches this text
  return { retry: true, delay, reason, delaySource }
}
