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

function name(error: unknown): string | undefined {
  return typeof error === 'object' && error !== null && 'name' in error && typeof error.name === 'string' ? error.name : undefined
}

function code(error: unknown): string | undefined {
  return typeof error === 'object' && error !== null && 'code' in error && typeof error.code === 'string' ? error.code : undefined
}

/** undefined for a success (any status under 400). */
export function errorClass(outcome: AttemptOutcome): ErrorClass | undefined {
  if (outcome.error === undefined) {
    return outcome.status !== undefined && outcome.status >= 400 ? String(outcome.status) : undefined
  }
  const error = outcome.error
  const c = code(error)
  if (c === 'ERR_CIRCUIT_OPEN') return 'circuit_open'
  if (c === 'ERR_MANAGER_CLOSED') return 'closed'
  const n = name(error)
  if (n === 'TimeoutError' || c === 'ERR_TIMEOUT') return 'timeout'
  if (n === 'AbortError' || c === 'ERR_ABORTED') return 'abort'
  return 'network'
}

/**
 * true when the attempt counts against the origin's health (network failure, timeout, 408, 429,
 * 5xx: the statuses Polly's breaker handles), false when it shows a healthy origin, null when it
 * says nothing about the origin (the caller aborted, the manager closed).
 */
export function isOriginFailure(outcome: AttemptOutcome): boolean | null {
  const cls = errorClass(outcome)
  if (cls === undefined) return false
  if (cls === 'abort' || cls === 'closed' || cls === 'circuit_open') return null
  if (cls === 'network' || cls === 'timeout') return true
  const status = Number(cls)
  return status === 408 || status === 429 || status >= 500
}
