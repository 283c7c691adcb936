/**
 * The clock and timers the HTTP client uses: the real ones unless a test injects its own (the
 * `timers` option, the same shape as the WebSocket client's), so retry waits, `Retry-After`,
 * timeouts and deadlines can be tested without real waiting.
 */
export interface Timers {
  now(): number
  random(): number
  setTimeout(fn: () => void, ms: number): unknown
  clearTimeout(handle: unknown): void
}

export const realTimers: Timers = {
  now: () => Date.now(),
  random: () => Math.random(),
  setTimeout: (fn, ms) => setTimeout(fn, ms),
  clearTimeout: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
}

export function resolveTimers(injected: Partial<Timers> | undefined): Timers {
  return injected ? { ...realTimers, ...injected } : realTimers
}
