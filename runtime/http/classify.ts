import { redactText, type RedactOptions } from '../log/redact'
import type { FailureKind } from '../policy/retry'

/** Walks the cause chain of a fetch failure for a Node/undici error code (`ECONNREFUSED`...). */
export function errorCode(error: unknown): string | undefined {
  for (let e = error, depth = 0; e && typeof e === 'object' && depth < 5; e = (e as { cause?: unknown }).cause, depth++) {
    const code = (e as { code?: unknown }).code
    if (typeof code === 'string') return code
  }
  return undefined
}

/**
 * A `fetch` option built on ofetch wraps failures in a FetchError whose message repeats the full
 * URL (secrets included); keep the error underneath as our `cause` instead.
 */
export function unwrapFetchError(error: unknown): unknown {
  return error instanceof Error && error.name === 'FetchError' && error.cause !== undefined ? error.cause : error
}

/** Connection refused is the one failure that proves the request never reached the server. */
export function networkFailure(error: unknown): FailureKind {
  return errorCode(error) === 'ECONNREFUSED' ? 'refused' : 'network'
}

/** A short reason for a message; URLs inside the dependency's text are redacted. */
export function describeNetworkError(error: unknown, redact: RedactOptions): string {
  const code = errorCode(error)
  const text = redactText(error instanceof Error ? error.message : String(error), redact)
  return code ? `${text} (${code})` : text
}
