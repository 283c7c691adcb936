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
