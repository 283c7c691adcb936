/**
 * Cancellation for one call: the caller's signal, the total deadline and a per-attempt timeout
 * merged into one signal per attempt. Built by hand with listeners rather than `AbortSignal.any`
 * (missing in older browsers, and it keeps signals alive longer on Node 20); every listener and
 * timer is removed when the attempt or call ends.
 */

import { onAbort } from './on-abort'
import { realTimers, type Timers } from './timers'

export type StopReason = 'abort' | 'deadline' | 'timeout'

export interface CallScope {
  /** Aborted when the caller aborts or the deadline passes; undefined when neither can happen. */
  readonly signal: AbortSignal | undefined
  readonly stopped: 'abort' | 'deadline' | undefined
  dispose(): void
}

const NO_CALL_SCOPE: CallScope = { signal: undefined, stopped: undefined, dispose() {} }

/** `caller` is the caller's signal, or two (the call's and the client's) to follow both. */
export function callScope(caller: AbortSignal | readonly AbortSignal[] | undefined, deadline: number | undefined, timers: Timers): CallScope {
  const callers = caller === undefined ? [] : Array.isArray(caller) ? (caller as readonly AbortSignal[]) : [caller as AbortSignal]
  if (deadline === undefined && callers.length < 2) {
    const one = callers[0]
    // No deadline: the caller's signal (if any) is the call signal; creating an AbortSignal costs
    // several µs on Node 20 (each one is made transferable), so do not make one for nothing.
    if (!one) return NO_CALL_SCOPE
    return {
      signal: one,
      get stopped() {
        return one.aborted ? 'abort' : undefined
      },
      dispose() {},
    }
  }
  return new Linked(callers, deadline ?? 0, timers, 'deadline') as CallScope
}

export interface AttemptScope {
  readonly signal: AbortSignal | undefined
  readonly timedOut: boolean
  /** A network manager holds the attempt in its queue (see `holdAttemptClock`). */
  readonly queued: boolean
  /** Stop the attempt timer (a stream handed to the caller lives past it). */
  clearTimer(): void
  dispose(): void
}

const NO_ATTEMPT_SCOPE: AttemptScope = { signal: undefined, timedOut: false, queued: false, clearTimer() {}, dispose() {} }

// Attempt scopes by their signal, so a queueing fetch (the network manager's) can stop the clock.
// Filled only once such a fetch exists: a WeakMap entry keyed by a signal costs about as much as
// the signal itself (~3 µs on Node 20, docs/benchmarks/http-runtime.md), on every attempt.
const clocks = new WeakMap<AbortSignal, Linked>()
let tracking = false

/** Called by a fetch that will use `holdAttemptClock` (the network manager's), before its first request. */
export function trackAttemptClocks(): void {
  tracking = true
}

/**
 * For a fetch that queues requests before sending them (the network manager's): the attempt
 * timeout must measure the exchange, not the queue. `hold` stops the attempt's clock (the deadline
 * and caller's signal still apply); `start` runs it again with the time left.
 */
export function holdAttemptClock(signal: AbortSignal | null | undefined, hold: boolean): void {
  const attempt = signal && clocks.get(signal)
  if (attempt) attempt.queued = hold
}

export function attemptScope(outer: AbortSignal | undefined, timeout: number, timers: Timers): AttemptScope {
  const timed = timeout > 0 && Number.isFinite(timeout)
  // With neither a timer nor an outer signal there is nothing to abort: send no signal at all.
  if (!timed && !outer) return NO_ATTEMPT_SCOPE
  const attempt = new Linked(outer ? [outer] : [], timed ? timeout : 0, timers, 'timeout')
  // Also without a timer (a transport that owns the attempt timeout): `queued` still tells the error.
  if (tracking) clocks.set(attempt.signal, attempt)
  return attempt
}

/**
 * One signal that aborts when any outer signal does or when `ms` pass (0: no timer), and says
 * which came first (`stopped`: 'abort' or `kind`); both the call (deadline) and each attempt
 * (timeout) use it. A class, not an object literal with getters: this runs once per request and
 * accessor literals are slow to create in V8.
 */
class Linked implements AttemptScope {
  readonly #controller = new AbortController()
  readonly #outers: readonly AbortSignal[]
  readonly #unsubscribe: (() => void)[]
  readonly #timers: Timers
  readonly #kind: 'deadline' | 'timeout'
  #timer: unknown
  #left: number
  #since = 0
  #queued = false
  stopped: StopReason | undefined

  constructor(outers: readonly AbortSignal[], ms: number, timers: Timers, kind: 'deadline' | 'timeout') {
    this.#outers = outers
    this.#timers = timers
    this.#kind = kind
    this.#left = ms
    this.#unsubscribe = outers.map((o) => onAbort(o, this.#onAbort))
    if (outers.some((o) => o.aborted)) this.#onAbort()
    if (ms > 0) this.#run()
  }

  #run(): void {
    this.#since = this.#timers.now()
    this.#timer = this.#timers.setTimeout(() => {
      this.stopped ??= this.#kind
      this.#controller.abort(new DOMException(this.#kind === 'timeout' ? 'attempt timed out' : 'deadline exceeded', 'TimeoutError'))
    }, this.#left)
  }

  readonly #onAbort = (): void => {
    this.stopped ??= 'abort'
    this.#controller.abort(this.#outers.find((o) => o.aborted)?.reason)
  }

  get timedOut(): boolean {
    return this.stopped === 'timeout'
  }

  get queued(): boolean {
    return this.#queued
  }

  set queued(hold: boolean) {
    if (hold === this.#queued || this.stopped) return
    this.#queued = hold
    if (this.#left <= 0) return
    if (hold) {
      this.clearTimer()
      this.#left = Math.max(1, this.#left - (this.#timers.now() - this.#since))
    } else this.#run()
  }

  get signal(): AbortSignal {
    return this.#controller.signal
  }

  clearTimer(): void {
    this.#timers.clearTimeout(this.#timer)
    this.#timer = undefined
  }

  dispose(): void {
    this.clearTimer()
    for (const u of this.#unsubscribe) u()
  }
}

/**
 * Waits `ms` on `timers`, or rejects with the signal's reason as soon as it aborts; the one sleep
 * of the runtime (the client's retry waits and the network manager's queue waits).
 */
export function sleep(ms: number, signal: AbortSignal | undefined, timers: Pick<Timers, 'setTimeout' | 'clearTimeout'> = realTimers): Promise<void> {
  if (signal?.aborted) return Promise.reject(signal.reason)
  if (ms <= 0) return Promise.resolve()
  return new Promise((resolve, reject) => {
    const timer = timers.setTimeout(() => {
      unsubscribe?.()
      resolve()
    }, ms)
    const unsubscribe =
      signal &&
      onAbort(signal, () => {
        timers.clearTimeout(timer)
        reject(signal.reason)
      })
  })
}
