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

type Classified = { error: unknown; failure: FailureKind }

/** Never retried: the caller's, the deadline's or a verdict's end of the call. */
const final = (error: unknown): Classified => ({ error, failure: 'final' })

/** Turns whatever an attempt threw into our error and the failure kind the retry policy reads. */
export function classifyThrown(f: ThrownFacts): Classified {
  const { thrown, info } = f
  if (f.timedOut || errorCode(thrown) === ATTEMPT_TIMEOUT_CODE) return { error: new TimeoutError(info, 'attempt', f.timeout), failure: 'timeout' }
  if (f.stopped === 'deadline') return final(new TimeoutError(info, 'deadline', f.deadline ?? 0, f.queued))
  if (f.stopped === 'abort') return final(new AbortError(info, f.callerReason))
  if (thrown instanceof BodyTooLarge) return final(new BodyTooLargeError(info, thrown.limit))
  if (thrown instanceof RedirectStop) {
    return final(new RedirectError(info, thrown.redirects, thrown.location === undefined ? undefined : redactUrl(thrown.location.slice(0, 200), f.redact)))
  }
  if (thrown instanceof BodyParseFailure) return final(new ParseError(info, f.status ?? 0, thrown.contentType, thrown.cause))
  // Our own errors (a token endpoint that refused, a bad request) and anything a hook or auth
  // provider threw are not network trouble, so never ours to retry or rename. Nor is a
  // ReferenceError/RangeError/SyntaxError: a bug (ours or a hook's), never a dropped connection
  // (fetch and body streams fail with TypeError or DOMException).
  if (
    f.stage === 'other' ||
    thrown instanceof NetworkingError ||
    thrown instanceof ReferenceError ||
    thrown instanceof RangeError ||
    thrown instanceof SyntaxError
  ) {
    return final(thrown)
  }
  const cause = unwrapFetchError(thrown)
  // A NetworkingError from a user-supplied fetch (a network manager's circuit breaker, say) is a
  // verdict, not a network failure: it reaches the caller as it is, never retried.
  if (cause instanceof NetworkingError) return final(cause)
  const failure = networkFailure(cause)
  const detail = describeNetworkError(cause, f.redact)
  return {
    error: new ConnectionError(info, f.stage === 'body' ? `connection lost while reading the body: ${detail}` : detail, {
      cause,
      refused: failure === 'refused',
    }),
    failure,
  }
}
