import { NetworkingError } from './networking-error'
import { describe, type RequestInfo } from './request-info'

abstract class RequestScopedError extends NetworkingError {
  readonly method: string
  readonly url: string
  readonly operationId: string | undefined
  readonly attempts: number

  constructor(info: RequestInfo, detail: string, options: { code: string; cause?: unknown }) {
    super(`${describe(info)}: ${detail}`, options)
    this.method = info.method
    this.url = info.url
    this.operationId = info.operationId
    this.attempts = info.attempts ?? 1
  }

  override toJSON(): Record<string, unknown> {
    return { ...super.toJSON(), method: this.method, url: this.url, operationId: this.operationId, attempts: this.attempts }
  }
}

/**
 * No usable response: refused, reset, DNS failure, or the body broke off mid-way. `beforeResponse`
 * is true when no response headers arrived; `refused` when the request provably never reached the server.
 */
export class ConnectionError extends RequestScopedError {
  override name = 'ConnectionError'
  readonly refused: boolean
  constructor(info: RequestInfo, detail: string, options: { cause?: unknown; refused?: boolean } = {}) {
    super(info, detail, { code: options.refused ? 'ERR_CONNECTION_REFUSED' : 'ERR_CONNECTION', cause: options.cause })
    this.refused = options.refused ?? false
  }
}

/**
 * `kind: 'attempt'` — one attempt took longer than `timeout` (time queued in a network manager
 * not counted); `'deadline'` — the whole call exceeded `deadline` (`queued`: while waiting for a
 * network manager's slot); `'queue'` — the wait for a slot exceeded the manager's `queueTimeout`.
 */
export class TimeoutError extends RequestScopedError {
  override name = 'TimeoutError'
  constructor(
    info: RequestInfo,
    readonly kind: 'attempt' | 'deadline' | 'queue',
    readonly ms: number,
    queued = false,
  ) {
    super(
      info,
      kind === 'attempt'
        ? `attempt timed out after ${ms} ms`
        : kind === 'queue'
          ? `waited ${ms} ms for a slot (queueTimeout); not sent`
          : `deadline of ${ms} ms exceeded${queued ? ' while queued for a slot' : ''}`,
      { code: kind === 'attempt' ? 'ERR_TIMEOUT' : kind === 'queue' ? 'ERR_QUEUE_TIMEOUT' : 'ERR_DEADLINE' },
    )
  }
}

/** The caller aborted (its `signal`). Never retried; the signal's reason is the `cause`. */
export class AbortError extends RequestScopedError {
  override name = 'AbortError'
  constructor(info: RequestInfo, cause?: unknown) {
    super(info, 'aborted by the caller', { code: 'ERR_ABORTED', cause })
  }
}

/** The response said one content type and carried something else (invalid JSON is never a silent string). */
export class ParseError extends RequestScopedError {
  override name = 'ParseError'
  constructor(
    info: RequestInfo,
    readonly status: number,
    readonly contentType: string,
    cause?: unknown,
  ) {
    super(info, `HTTP ${status} body is not valid ${contentType}`, { code: 'ERR_PARSE', cause })
  }
}

/** A buffered response body passed `maxBodyBytes`; the rest was not read. Never retried. */
export class BodyTooLargeError extends RequestScopedError {
  override name = 'BodyTooLargeError'
  constructor(
    info: RequestInfo,
    readonly limit: number,
  ) {
    super(info, `response body exceeds maxBodyBytes (${limit})`, { code: 'ERR_BODY_TOO_LARGE' })
  }
}

/**
 * A redirect the client will not follow: past the redirect limit (`ERR_TOO_MANY_REDIRECTS`, a loop
 * most likely), or to a scheme other than http:/https: or an unparsable Location
 * (`ERR_REDIRECT_REFUSED`). Never retried: the next attempt would meet the same chain.
 */
export class RedirectError extends RequestScopedError {
  override name = 'RedirectError'
  constructor(
    info: RequestInfo,
    /** Redirects followed before stopping. */
    readonly redirects: number,
    /** The refused Location, redacted; undefined for a loop. */
    readonly location: string | undefined,
  ) {
    super(info, location === undefined ? `more than ${redirects} redirects` : `redirect to ${location} refused (only http: and https: are followed)`, {
      code: location === undefined ? 'ERR_TOO_MANY_REDIRECTS' : 'ERR_REDIRECT_REFUSED',
    })
  }

  override toJSON(): Record<string, unknown> {
    return { ...super.toJSON(), redirects: this.redirects, location: this.location }
  }
}
