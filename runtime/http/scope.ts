/**
 * Cancellation for one call: the caller's signal, the total deadline and a per-attempt timeout
 * merged into one signal per attempt. Built by hand with listeners rather than `AbortSignal.any`
 * (missing in older browsers, and it keeps signals alive longer on Node 20); every listener and
 * timer is removed when the attempt or call ends.
 */

import { onAbort } from './on-abort'

export type StopReason = 'abort' | 'deadline' | 'timeout'

export interface CallScope {
  /** Aborted when the caller aborts or the deadline passes; undefined when neither can happen. */
  readonly signal: AbortSignal | undefined
  readonly stopped: 'abort' | 'deadline' | undefined
  dispose(): void
}

const NO_CALL_SCOPE: CallScope = { signal: undefined, stopped: undefined, dispose() {} }

/** `caller` is the caller's signal, or two (the call's and the client's) to follow both. */
export function callScope(caller: AbortSignal | readonly AbortSignal[] | undefined, deadline: number | undefined): CallScope {
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
  const controller = new AbortController()
  let stopped: 'abort' | 'deadline' | undefined
  const abort = (): void => {
    stopped ??= 'abort'
    controller.abort(callers.find((c) => c.aborted)?.reason)
  }
  const unsubscribe = callers.map((c) => onAbort(c, abort))
  if (callers.some((c) => c.aborted)) abort()
  const timer =
    deadline === undefined
      ? undefined
      : setTimeout(() => {
          stopped ??= 'deadline'
          controller.abort(new DOMException('deadline exceeded', 'TimeoutError'))
        }, deadline)
  return {
    signal: controller.signal,
    get stopped() {
      return stopped
    },
    dispose() {
      clearTimeout(timer)
      for (const u of unsubscribe) u()
    },
  }
}

export interface AttemptScope {
  readonly signal: AbortSignal | undefined
  readonly timedOut: boolean
  /** Stop the attempt timer (a stream handed to the caller lives past it). */
  clearTimer(): void
  dispose(): void
}

const NO_ATTEMPT_SCOPE: AttemptScope = { signal: undefined, timedOut: false, clearTimer() {}, dispose() {} }

export function attemptScope(outer: AbortSignal | undefined, timeout: number): AttemptScope {
  const timed = timeout > 0 && Number.isFinite(timeout)
  // With neither a timer nor an outer signal there is nothing to abort: send no signal at all.
  return timed || outer ? new Attempt(outer, timed ? timeout : 0) : NO_ATTEMPT_SCOPE
}

// A class, not an object literal with getters: this runs once per request and accessor literals
// are slow to create in V8.
class Attempt implements AttemptScope {
  readonly #controller = new AbortController()
  readonly #outer: AbortSignal | undefined
  readonly #unsubscribe: (() => void) | undefined
  #timer: ReturnType<typeof setTimeout> | undefined
  timedOut = false

  constructor(outer: AbortSignal | undefined, timeout: number) {
    this.#outer = outer
    if (outer?.aborted) this.#onAbort()
    else if (outer) this.#unsubscribe = onAbort(outer, this.#onAbort)
    if (timeout > 0) {
      this.#timer = setTimeout(() => {
        this.timedOut = true
        this.#controller.abort(new DOMException('attempt timed out', 'TimeoutError'))
      }, timeout)
    }
  }

  readonly #onAbort = (): void => this.#controller.abort(this.#outer?.reason)

  get signal(): AbortSignal {
    return this.#controller.signal
  }

  clearTimer(): void {
    if (this.#timer !== undefined) clearTimeout(this.#timer)
    this.#timer = undefined
  }

  dispose(): void {
    this.clearTimer()
    this.#unsubscribe?.()
  }
}

/** Waits `ms`, or rejects as soon as `signal` aborts. */
export function sleep(ms: number, signal: AbortSignal | undefined): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason)
    const timer = setTimeout(() => {
      unsubscribe?.()
      resolve()
    }, ms)
    const unsubscribe =
      signal &&
      onAbort(signal, () => {
        clearTimeout(timer)
        reject(signal.reason)
      })
  })
}
