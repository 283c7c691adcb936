/**
 * A retry budget (Finagle's idea): within a time window, retries may add at most `ratio` of the
 * requests started plus a small `floor`, so an outage costs ~1.2x the traffic instead of 3x.
 * Shared per origin by default; the clock is injected.
 */
export interface RetryBudgetOptions {
  /** Share of first attempts that may be retried. @default 0.2 */
  ratio?: number
  /** Retries always allowed per window, so a quiet client can still retry. @default 3 */
  floor?: number
  /** Window length in ms. @default 10000 */
  window?: number
}

export interface RetryBudget {
  /** Record a first attempt. */
  request(now: number): void
  /** Try to spend one retry; false when the budget is exhausted. */
  tryRetry(now: number): boolean
  /** Retries left in the current window. */
  remaining(now: number): number
}

export function createRetryBudget(options: RetryBudgetOptions = {}): RetryBudget {
  const ratio = options.ratio ?? 0.2
  const floor = options.floor ?? 3
  const windowMs = options.window ?? 10_000
  let start = -Infinity
  let requests = 0
  let retries = 0
  const roll = (now: number): void => {
    if (now - start >= windowMs) {
      start = now
      requests = 0
      retries = 0
    }
  }
  const remaining = (now: number): number => {
    roll(now)
    return Math.max(0, Math.floor(floor + ratio * requests) - retries)
  }
  return {
    request(now) {
      roll(now)
      requests++
    },
    tryRetry(now) {
      if (remaining(now) <= 0) return false
      retries++
      return true
    },
    remaining,
  }
}

const shared = new Map<string, RetryBudget>()
/** A scraper may touch thousands of hosts: keep the most recently used budgets only. */
const MAX_ORIGINS = 1000

/** The process-wide budget of an origin (all clients talking to one host share it). */
export function budgetFor(origin: string, options?: RetryBudgetOptions): RetryBudget {
  let budget = shared.get(origin)
  if (budget) {
    // Re-insert so Map order is least recently used first.
    shared.delete(origin)
  } else {
    budget = createRetryBudget(options)
    if (shared.size >= MAX_ORIGINS) shared.delete(shared.keys().next().value as string)
  }
  shared.set(origin, budget)
  return budget
}
