import type { Timers } from '../../runtime/http/timers'

/**
 * Real timers with a clock that moves only by the delays of the timers it ran: a timer set at
 * clock time t for ms fires (in real time, after ms) at clock time t + ms, however late the loaded
 * machine runs its callback. Socket events in between happen at the clock time of the last timer.
 * So "detected within interval + timeout" can be asserted exactly on a machine of any speed,
 * while the client still talks to a real server. `random` is fixed so no draw of Math.random
 * decides what the test sees.
 */
export function lagFreeTimers(random = 0.5, start = Date.now()) {
  let now = start
  const fired: number[] = []
  const timers: Timers = {
    now: () => now,
    random: () => random,
    setTimeout(fn, ms) {
      const at = now + ms
      return setTimeout(() => {
        now = Math.max(now, at)
        fired.push(ms)
        fn()
      }, ms)
    },
    clearTimeout: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
  }
  return {
    timers,
    /** The clock: `start` plus the delays of the timers that fired. */
    now: () => now,
    /** The delays of the timers that fired, in firing order. */
    fired: () => [...fired],
  }
}

/**
 * A clock that stands still (until `advance`) over real timers: for a test that needs real waits
 * to happen (a reconnect after its delay) but decides itself how much time the client sees pass.
 */
export function heldClock(random = 0.5) {
  let now = 1_700_000_000_000
  const timers: Partial<Timers> = { now: () => now, random: () => random }
  return {
    timers,
    advance(ms: number): void {
      now += ms
    },
  }
}
