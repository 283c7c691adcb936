import type { BreakerState } from './breaker'

interface AttemptBase {
  /** Unique per attempt within the manager; pairs `attempt:start` with `attempt:end`. */
  id: number
  client: string
  origin: string
  method: string
  /** Redacted. */
  url: string
  /** 0 for the first attempt of a request, n for its n-th resend (OpenTelemetry `http.request.resend_count`). */
  resendCount: number
}

/** What observers of the manager (`subscribe`) see. Times are epoch ms. */
export type ManagerEvent =
  | (AttemptBase & { type: 'attempt:start'; time: number })
  | (AttemptBase & {
      type: 'attempt:end'
      time: number
      /** ms from the start of the network call (waits in queues not included). */
      duration: number
      status?: number
      /** Set when the attempt failed: `network`, `timeout`, `abort`, `closed` or the status code. */
      errorType?: string
      error?: unknown
    })
  | { type: 'wait'; client: string; origin: string; reason: 'concurrency' | 'rate-limit'; ms?: number }
  | { type: 'rejected'; client: string; origin: string; reason: 'circuit-open' | 'closed'; retryAt?: number }
  | { type: 'breaker'; origin: string; from: BreakerState; to: BreakerState; time: number }
  | { type: 'rate-limit'; origin: string; rate: number; pausedUntil: number; status: number }
  | { type: 'retry'; client: string; attempt: number; reason?: string; delay?: number }
  | { type: 'socket'; client: string; state: string }
  | { type: 'close'; time: number }

export type ManagerListener = (event: ManagerEvent) => void

export interface EventHub {
  /** True when someone listens: callers skip building events otherwise. */
  readonly listening: boolean
  emit(event: ManagerEvent): void
  subscribe(listener: ManagerListener): () => void
}

/**
 * A listener that throws must not break a request or the other listeners: its error is reported
 * and dropped. `internal` (the manager's own log) sees every event but does not count as listening,
 * since it ignores attempts.
 */
export function createEventHub(onListenerError: (error: unknown) => void, internal?: ManagerListener): EventHub {
  const listeners = new Set<ManagerListener>()
  if (internal) listeners.add(internal)
  const base = internal ? 1 : 0
  return {
    get listening() {
      return listeners.size > base
    },
    emit(event) {
      for (const listener of listeners) {
        try {
          listener(event)
        } catch (error) {
          onListenerError(error)
        }
      }
    },
    subscribe(listener) {
      listeners.add(listener)
      return () => {
        listeners.delete(listener)
      }
    },
  }
}
