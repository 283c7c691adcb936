/**
 * Merging a request's signal with the manager's long-lived close signal. `AbortSignal.any` would
 * do, but it is missing in older browsers and, given a signal that lives as long as the manager,
 * keeps every merged signal reachable from it; here the listener is removed when the request ends.
 */
export function linkSignals(close: AbortSignal, signal: AbortSignal | null | undefined): { signal: AbortSignal; unlink: () => void } {
  const controller = new AbortController()
  const sources = signal ? [close, signal] : [close]
  const abort = (event: Event): void => controller.abort((event.target as AbortSignal).reason)
  for (const source of sources) {
    if (source.aborted) {
      controller.abort(source.reason)
      return { signal: controller.signal, unlink: () => {} }
    }
  }
  for (const source of sources) source.addEventListener('abort', abort, { once: true })
  return {
    signal: controller.signal,
    unlink: () => {
      for (const source of sources) source.removeEventListener('abort', abort)
    },
  }
}

/** Waits `ms`, or rejects with the signal's reason as soon as it aborts. */
export function sleep(ms: number, signal: AbortSignal): Promise<void> {
  if (signal.aborted) return Promise.reject(signal.reason)
  if (ms <= 0) return Promise.resolve()
  return new Promise((resolve, reject) => {
    const onAbort = (): void => {
      clearTimeout(timer)
      reject(signal.reason)
    }
    const timer = setTimeout(() => {
      signal.removeEventListener('abort', onAbort)
      resolve()
    }, ms)
    signal.addEventListener('abort', onAbort, { once: true })
  })
}
