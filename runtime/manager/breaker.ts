/**
 * A circuit breaker for one origin: pure, with the clock passed in. It opens when the failure ratio
 * over a sliding window reaches `failureRatio` with at least `minimumThroughput` outcomes (Polly's
 * and resilience4j's semantics: a ratio, not a run of consecutive failures, so one bad request in a
 * quiet period does not trip it). After `breakDuration` it lets `halfOpenProbes` requests through;
 * a successful probe closes it, a failed one opens it again.
 */

export type BreakerState = 'closed' | 'open' | 'half-open'

export interface BreakerOptions {
  /** Failure ratio over the window at or above which the breaker opens (0..1). @default 0.5 */
  failureRatio?: number
  /** Outcomes needed in the window before the ratio can open the breaker. @default 10 */
  minimumThroughput?: number
  /** Length of the sampling window, in ms. @default 10_000 */
  samplingDuration?: number
  /** How long the breaker stays open before letting probes through, in ms. @default 5_000 */
  breakDuration?: number
  /** Requests let through at once while half-open. @default 1 */
  halfOpenProbes?: number
}

export type BreakerPermit = { allowed: true; probe: boolean } | { allowed: false; retryAt: number }

export interface CircuitBreaker {
  state(): BreakerState
  /** Asks to send a request now. A granted probe must be followed by `record(..., true)`. */
  acquire(): BreakerPermit
  /**
   * Records the outcome of a request that `acquire` allowed; `null` when it ended without a verdict
   * on the origin (the caller aborted), which only frees its probe slot.
   */
  record(success: boolean | null, probe: boolean): void
  /** When an open breaker lets probes through (epoch ms). */
  retryAt(): number
  /** Failures and total outcomes currently in the window. */
  window(): { failures: number; total: number }
}

/** The window is kept as this many buckets, so memory stays constant under any load. */
const BUCKETS = 10

export function createBreaker(options: BreakerOptions, now: () => number, onChange?: (from: BreakerState, to: BreakerState) => void): CircuitBreaker {
  const { failureRatio = 0.5, minimumThroughput = 10, samplingDuration = 10_000, breakDuration = 5_000, halfOpenProbes = 1 } = options
  const width = Math.max(1, samplingDuration / BUCKETS)
  let buckets: { slot: number; failures: number; total: number }[] = []
  let current: BreakerState = 'closed'
  let openedAt = 0
  let probes = 0

  const move = (to: BreakerState): void => {
    if (to === current) return
    const from = current
    current = to
    if (to === 'open') openedAt = now()
    if (to !== 'half-open') probes = 0
    if (to === 'closed') buckets = []
    onChange?.(from, to)
  }
  const prune = (slot: number): void => {
    // Oldest first: drop from the front only what fell out of the window (usually nothing).
    let drop = 0
    while (drop < buckets.length && buckets[drop]!.slot <= slot - BUCKETS) drop++
    if (drop > 0) buckets = buckets.slice(drop)
  }
  const totals = (): { failures: number; total: number } => {
    prune(Math.floor(now() / width))
    let failures = 0
    let total = 0
    for (const b of buckets) {
      failures += b.failures
      total += b.total
    }
    return { failures, total }
  }
  const state = (): BreakerState => {
    if (current === 'open' && now() - openedAt >= breakDuration) move('half-open')
    return current
  }

  return {
    state,
    acquire() {
      const s = state()
      if (s === 'closed') return { allowed: true, probe: false }
      if (s === 'half-open' && probes < halfOpenProbes) {
        probes++
        return { allowed: true, probe: true }
      }
      // Half-open with every probe slot taken: refused until a probe reports back.
      return { allowed: false, retryAt: s === 'open' ? openedAt + breakDuration : now() + 1 }
    },
    record(success, probe) {
      const s = state()
      if (success === null) {
        if (probe && s === 'half-open') probes = Math.max(0, probes - 1)
        return
      }
      if (probe) {
        if (s !== 'half-open') return
        if (success) move('closed')
        else move('open')
        return
      }
      // Outcomes of requests sent before the breaker opened say nothing new about the origin.
      if (s !== 'closed') return
      const slot = Math.floor(now() / width)
      prune(slot)
      let bucket = buckets.at(-1)
      if (bucket?.slot !== slot) {
        bucket = { slot, failures: 0, total: 0 }
        buckets.push(bucket)
      }
      bucket.total++
      if (!success) bucket.failures++
      const { failures, total } = totals()
      if (total >= minimumThroughput && failures / total >= failureRatio) move('open')
    },
    retryAt: () => openedAt + breakDuration,
    window: totals,
  }
}
