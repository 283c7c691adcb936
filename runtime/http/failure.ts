import { NetworkingError } from '../errors/networking-error'
import type { RequestInfo } from '../errors/request-info'
import { AbortError, BodyTooLargeError, ConnectionError, ParseError, RedirectError, TimeoutError } from '../errors/transport-errors'
import { redactUrl, type RedactOptions } from '../log/redact'
import type { FailureKind } from '../policy/retry'
import { describeNetworkError, errorCode, networkFailure, unwrapFetchError } from './classify'
import { RedirectStop } from './redirect'
import { BodyParseFailure, BodyTooLarge } from './response'
import { ATTEMPT_TIMEOUT_CODE } from './transport'

/** Where the attempt was when it threw: only the network steps can produce network failures. */
export type Stage = 'fetch' | 'body' | 'other'

export interface ThrownFacts {
  thrown: unknown
  stage: Stage
  /** The attempt timer fired. */
  timedOut: boolean
  /** The attempt was waiting in a network manager's queue. */
  queued?: boolean
  /** The call was stopped by the caller or the deadline. */
  stopped: 'abort' | 'deadline' | undefined
  info: RequestInfo
  status: number | undefined
  timeout: number
  deadline: number | undefined
  callerReason: unknown
  redact: RedactOptions
}

/** Turns whatever an attempt threw into our error and the failure kind the retry policy reads. */
export function classifyThrown(f: ThrownFacts): { error: unknown; failure: FailureKind } {
  if (f.timedOut || errorCode(f.thrown) === ATTEMPT_TIMEOUT_CODE) return { error: new TimeoutError(f.info, 'attempt', f.timeout), failure: 'timeout' }
  if (f.stopped === 'deadline') return { error: new TimeoutError(f.info, 'deadline', f.deadline ?? 0, f.queued), failure: 'final' }
  if (f.stopped === 'abort') return { error: new AbortError(f.info, f.callerReason), failure: 'final' }
  if (f.thrown instanceof BodyTooLarge) return { error: new BodyTooLargeError(f.info, f.thrown.limit), failure: 'final' }
  if (f.thrown instanceof RedirectStop) {
    const where = f.thrown.location === undefined ? undefined : redactUrl(f.thrown.location.slice(0, 200), f.redact)
    return { error: new RedirectError(f.info, f.thrown.redirects, where), failure: 'final' }
  }
  if (f.thrown instanceof BodyParseFailure) return { error: new ParseError(f.info, f.status ?? 0, f.thrown.contentType, f.thrown.cause), failure: 'final' }
  // Our own errors (a token endpoint that refused, a bad request) and anything a hook or auth
  // provider threw are not network trouble, so never ours to retry or rename.
  if (f.stage === 'other' || f.thrown instanceof NetworkingError) return { error: f.thrown, failure: 'final' }
  // A ReferenceError/RangeError/SyntaxError is a bug (ours or a hook's), never a dropped
  // connection: fetch and body streams fail with TypeError or DOMException.
  if (f.thrown instanceof ReferenceError || f.thrown instanceof RangeError || f.thrown instanceof SyntaxError) {
    return { error: f.thrown, failure: 'final' }
  }
  const cause = unwrapFetchError(f.thrown)
  // A NetworkingError from a user-supplied fetch (a network manager's circuit breaker, say) is a
  // verdict, not a network failure: it reaches the caller as it is, never retried.
  if (cause instanceof NetworkingError) return { error: cause, failure: 'final' }
  const failure = networkFailure(cause)
  const detail = describeNetworkError(cause, f.redact)
  return {
    error: new ConnectionError(f.info, f.stage === 'body' ? `connection lost while reading the body: ${detail}` : detail, {
      cause,
      refused: failure === 'refused',
    }),
    failure,
  }
}
