import type { Timers } from '../../runtime/http/timers'

/**
 * A clock for the HTTP client's `timers` option that never waits: every timer fires on the next
 * turn of the event loop with the clock moved forward by its delay, and each delay is recorded.
 * Right for calls whose only timers are retry waits (`timeout: 0`, no `deadline`): an attempt
 * timer would fire as soon as it was set.
 */
export function instantTimers(start = 1_700_000_000_000, random = 0.5) {
  let now = start
  const waits: number[] = []
  const timers: Timers = {
    now: () => now,
    random: () => random,
    setTimeout(fn, ms) {
      waits.push(ms)
      return setTimeout(() => {
        now += ms
        fn()
      }, 0)
    },
    clearTimeout: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
  }
  return { timers, waits, start, elapsed: () => now - start }
}

/**
 * A clock that stands still until the test moves it: `advance(ms)` fires, in order, the timers
 * due by then. For timeouts and deadlines of any length without waiting for them.
 */
export function manualTimers(start = 1_700_000_000_000, random = 0.5) {
  let now = start
  let seq = 0
  const pending = new Map<number, { at: number; fn: () => void }>()
  const timers: Timers = {
    now: () => now,
    random: () => random,
    setTimeout(fn, ms) {
      pending.set(++seq, { at: now + ms, fn })
      return seq
    },
    clearTimeout: (handle) => void pending.delete(handle as number),
  }
  return {
    timers,
    /** Delays of the timers not yet fired or cleared, soonest first. */
    pending: () => [...pending.values()].map((t) => t.at - now).sort((a, b) => a - b),
    advance(ms: number): void {
      const until = now + ms
      for (;;) {
        const due = [...pending.entries()].filter(([, t]) => t.at <= until).sort((a, b) => a[1].at - b[1].at)[0]
        if (!due) break
        pending.delete(due[0])
        now = due[1].at
        due[1].fn()
      }
      now = until
    },
  }
}
