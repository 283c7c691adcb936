import { NetworkingError } from './networking-error'
import { describe, REQUEST_FIELDS, requestFields, type RequestInfo } from './request-info'

/**
 * The base of the transport errors: the message names the request, the fields come from `info`
 * plus the subclass's own (`fields`), assigned in one go rather than declared and copied one by
 * one in every class (docs/decisions/http-client-size.md).
 */
abstract class RequestScopedError extends NetworkingError {
  declare readonly method: string
  declare readonly url: string
  declare readonly operationId: string | undefined
  declare readonly attempts: number

  constructor(info: RequestInfo, detail: string, code: string, cause?: unknown, fields?: object) {
    super(`${describe(info)}: ${detail}`, { code, cause })
    Object.assign(this, requestFields(info), fields)
  }

  protected override get shownFields(): readonly string[] {
    return REQUEST_FIELDS
  }
}

/**
 * No usable response: refused, reset, DNS failure, or the body broke off mid-way. `beforeResponse`
 * is true when no response headers arrived; `refused` when the request provably never reached the server.
 */
export class ConnectionError extends RequestScopedError {
  override name = 'ConnectionError'
  declare readonly refused: boolean
  constructor(info: RequestInfo, detail: string, options: { cause?: unknown; refused?: boolean } = {}) {
    const refused = options.refused ?? false
    super(info, detail, refused ? 'ERR_CONNECTION_REFUSED' : 'ERR_CONNECTION', options.cause, { refused })
  }
}

// Timeout kind → [code, the detail of the message].
const TIMEOUTS: Record<TimeoutError['kind'], [string, (ms: number, queued: boolean) => string]> = {
  attempt: ['ERR_TIMEOUT', (ms) => `attempt timed out after ${ms} ms`],
  deadline: ['ERR_DEADLINE', (ms, queued) => `deadline of ${ms} ms exceeded${queued ? ' while queued for a slot' : ''}`],
  queue: ['ERR_QUEUE_TIMEOUT', (ms) => `waited ${ms} ms for a slot (queueTimeout); not sent`],
}

/**
 * `kind: 'attempt'` — one attempt took longer than `timeout` (time queued in a network manager
 * not counted); `'deadline'` — the whole call exceeded `deadline` (`queued`: while waiting for a
 * network manager's slot); `'queue'` — the wait for a slot exceeded the manager's `queueTimeout`.
 */
export class TimeoutError extends RequestScopedError {
  override name = 'TimeoutError'
  declare readonly kind: 'attempt' | 'deadline' | 'queue'
  declare readonly ms: number
  constructor(info: RequestInfo, kind: 'attempt' | 'deadline' | 'queue', ms: number, queued = false) {
    const [code, detail] = TIMEOUTS[kind] ?? TIMEOUTS.deadline
    super(info, detail(ms, queued), code, undefined, { kind, ms })
  }
}

/** The caller aborted (its `signal`). Never retried; the signal's reason is the `cause`. */
export class AbortError extends RequestScopedError {
  override name = 'AbortError'
  constructor(info: RequestInfo, cause?: unknown) {
    super(info, 'aborted by the caller', 'ERR_ABORTED', cause)
  }
}

/** The response said one content type and carried something else (invalid JSON is never a silent string). */
export class ParseError extends RequestScopedError {
  override name = 'ParseError'
  declare readonly status: number
  declare readonly contentType: string
  constructor(info: RequestInfo, status: number, contentType: string, cause?: unknown) {
    super(info, `HTTP ${status} body is not valid ${contentType}`, 'ERR_PARSE', cause, { status, contentType })
  }
}

/** A buffered response body passed `maxBodyBytes`; the rest was not read. Never retried. */
export class BodyTooLargeError extends RequestScopedError {
  override name = 'BodyTooLargeError'
  declare readonly limit: number
  constructor(info: RequestInfo, limit: number) {
    super(info, `response body exceeds maxBodyBytes (${limit})`, 'ERR_BODY_TOO_LARGE', undefined, { limit })
  }
}

/**
 * A redirect the client will not follow: past the redirect limit (`ERR_TOO_MANY_REDIRECTS`, a loop
 * most likely), or to a scheme other than http:/https: or an unparsable Location
 * (`ERR_REDIRECT_REFUSED`). Never retried: the next attempt would meet the same chain.
 */
export class RedirectError extends RequestScopedError {
  override name = 'RedirectError'
  /** Redirects followed before stopping. */
  declare readonly redirects: number
  /** The refused Location, redacted; undefined for a loop. */
  declare readonly location: string | undefined
  constructor(info: RequestInfo, redirects: number, location: string | undefined) {
    const loop = location === undefined
    super(
      info,
      loop ? `more than ${redirects} redirects` : `redirect to ${location} refused (only http: and https: are followed)`,
      loop ? 'ERR_TOO_MANY_REDIRECTS' : 'ERR_REDIRECT_REFUSED',
      undefined,
      { redirects, location },
    )
  }

  protected override get shownFields(): readonly string[] {
    return [...REQUEST_FIELDS, 'redirects', 'location']
  }
}
