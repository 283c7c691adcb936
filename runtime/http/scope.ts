/**
 * Cancellation for one call: the caller's signal, the total deadline and a per-attempt timeout
 * merged into one signal per attempt. Built by hand with listeners rather than `AbortSignal.any`
 * (missing in older browsers, and it keeps signals alive longer on Node 20); every listener and
 * timer is removed when the attempt or call ends.
 */

export type StopReason = 'abort' | 'deadline' | 'timeout'

export interface CallScope {
  /** Aborted when the caller aborts or the deadline passes; undefined when neither can happen. */
  readonly signal: AbortSignal | undefined
  readonly stopped: 'abort' | 'deadline' | undefined
  dispose(): void
}

export function callScope(caller: AbortSignal | undefined, deadline: number | undefined): CallScope {
  if (!caller && deadline === undefined) return { signal: undefined, stopped: undefined, dispose() {} }
  const controller = new AbortController()
  let stopped: 'abort' | 'deadline' | undefined
  const onAbort = (): void => {
    stopped ??= 'abort'
    controller.abort(caller?.reason)
  }
  if (caller?.aborted) onAbort()
  else caller?.addEventListener('abort', onAbort, { once: true })
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
      caller?.removeEventListener('abort', onAbort)
    },
  }
}

export interface AttemptScope {
  readonly signal: AbortSignal
  readonly timedOut: boolean
  /** Stop the attempt timer (a stream handed to the caller lives past it). */
  clearTimer(): void
  dispose(): void
}

export function attemptScope(outer: AbortSignal | undefined, timeout: number): AttemptScope {
  const controller = new AbortController()
  let timedOut = false
  const onAbort = (): void => controller.abort(outer?.reason)
  if (outer?.aborted) onAbort()
  else outer?.addEventListener('abort', onAbort, { once: true })
  let timer: ReturnType<typeof setTimeout> | undefined =
    timeout > 0 && Number.isFinite(timeout)
      ? setTimeout(() => {
          timedOut = true
          controller.abort(new DOMException('attempt timed out', 'TimeoutError'))
        }, timeout)
      : undefined
  const clearTimer = (): void => {
    if (timer !== undefined) clearTimeout(timer)
    timer = undefined
  }
  return {
    signal: controller.signal,
    get timedOut() {
      return timedOut
    },
    clearTimer,
    dispose() {
      clearTimer()
      outer?.removeEventListener('abort', onAbort)
    },
  }
}

/** Waits `ms`, or rejects as soon as `signal` aborts. */
export function sleep(ms: number, signal: AbortSignal | undefined): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason)
    const done = (): void => {
      signal?.removeEventListener('abort', onAbort)
      resolve()
    }
    const timer = setTimeout(done, ms)
    const onAbort = (): void => {
      clearTimeout(timer)
      reject(signal?.reason)
    }
    signal?.addEventListener('abort', onAbort, { once: true })
  })
}
