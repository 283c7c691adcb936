/**
 * What one attempt's ending means, decided in one place: the class counted in metrics and
 * reported as OpenTelemetry's `error.type`, and the verdict the circuit breaker records.
 */

/** `network`, `timeout`, `abort`, `circuit_open`, `closed`, or the HTTP status code as text (`"503"`). */
export type ErrorClass = string

export interface AttemptOutcome {
  status?: number
  error?: unknown
}

/** undefined for a success (any status under 400). */
export function errorClass(outcome: AttemptOutcome): ErrorClass | undefined {
  const { status, error } = outcome
  if (error === undefined) return status !== undefined && status >= 400 ? String(status) : undefined
  const { name, code } = (typeof error === 'object' && error !== null ? error : {}) as { name?: unknown; code?: unknown }
  return code === 'ERR_CIRCUIT_OPEN'
    ? 'circuit_open'
    : code === 'ERR_MANAGER_CLOSED'
      ? 'closed'
      : name === 'TimeoutError' || code === 'ERR_TIMEOUT'
        ? 'timeout'
        : name === 'AbortError' || code === 'ERR_ABORTED'
          ? 'abort'
          : 'network'
}

/**
 * The breaker's verdict on an attempt of class `cls`: false when it counts against the origin's
 * health (network failure, timeout, 408, 429, 5xx: the statuses Polly's breaker handles), true when
 * it shows a healthy origin, null when it says nothing about the origin (the caller aborted, the
 * manager closed).
 */
export function healthOf(cls: ErrorClass | undefined): boolean | null {
  if (cls === undefined) return true
  if (cls === 'abort' || cls === 'closed' || cls === 'circuit_open') return null
  const status = Number(cls)
  // NaN for network and timeout: a failure.
  return !(Number.isNaN(status) || status === 408 || status === 429 || status >= 500)
}

/** true when the attempt counts against the origin's health, false when healthy, null for no verdict. */
export function isOriginFailure(outcome: AttemptOutcome): boolean | null {
  const health = healthOf(errorClass(outcome))
  return health === null ? null : !health
}
