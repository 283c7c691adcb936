import { redactText } from '../log/redact'
import { NetworkingError } from './networking-error'
import { describe, REQUEST_FIELDS, requestFields, type RequestInfo } from './request-info'

export interface HttpErrorInit extends RequestInfo {
  status: number
  statusText?: string
  /** Response headers, sensitive values redacted. */
  headers: Record<string, string>
  /** The parsed error body (JSON when the response said so), bounded by `maxErrorBodyBytes`. */
  body: unknown
  requestId?: string | undefined
  response?: Response | undefined
}

// What `toJSON` shows of an HttpError (never the body itself: only its redacted excerpt).
const SHOWN = ['status', ...REQUEST_FIELDS, 'requestId', 'headers', 'bodyExcerpt']

/** The server answered with a non-2xx status. Subclasses exist for the statuses callers branch on. */
export class HttpError<B = unknown> extends NetworkingError {
  override name = 'HttpError'
  declare readonly status: number
  declare readonly statusText: string
  declare readonly headers: Record<string, string>
  declare readonly body: B
  declare readonly method: string
  declare readonly url: string
  declare readonly operationId: string | undefined
  declare readonly attempts: number
  /** From `x-request-id`, `request-id` or similar response headers: quote it to the API's support. */
  declare readonly requestId: string | undefined
  /** The raw response (body already consumed); not enumerable, so it never lands in logs. */
  declare readonly response: Response | undefined

  /** A 5xx body's first 200 characters, redacted, also shown in the message ("database on fire"). */
  declare readonly bodyExcerpt: string | undefined

  constructor(init: HttpErrorInit, message?: string) {
    const excerpt = init.status >= 500 ? excerptOf(init.body) : undefined
    super(message ?? `${describe(init)} failed with HTTP ${init.status}${init.statusText ? ` ${init.statusText}` : ''}${excerpt ? `: ${excerpt}` : ''}`, {
      code: `ERR_HTTP_${init.status}`,
    })
    Object.assign(this, requestFields(init), {
      status: init.status,
      statusText: init.statusText ?? '',
      headers: init.headers,
      body: init.body,
      requestId: init.requestId,
      bodyExcerpt: excerpt,
    })
    Object.defineProperty(this, 'response', { value: init.response })
  }

  protected override get shownFields(): readonly string[] {
    return SHOWN
  }
}

const EXCERPT = 200

/** A bounded, one-line, redacted text of an error body, for messages and logs. */
function excerptOf(body: unknown): string | undefined {
  let text: string
  try {
    text = typeof body === 'string' ? body : body === undefined || body === null || body instanceof Blob ? '' : JSON.stringify(body)
  } catch {
    return undefined
  }
  text = redactText(
    text
      .slice(0, EXCERPT * 4)
      .replace(/\s+/g, ' ')
      .trim(),
  )
  return text ? (text.length > EXCERPT ? `${text.slice(0, EXCERPT)}…` : text) : undefined
}

export class BadRequestError<B = unknown> extends HttpError<B> {
  override name = 'BadRequestError'
}
export class UnauthorizedError<B = unknown> extends HttpError<B> {
  override name = 'UnauthorizedError'
}
export class ForbiddenError<B = unknown> extends HttpError<B> {
  override name = 'ForbiddenError'
}
export class NotFoundError<B = unknown> extends HttpError<B> {
  override name = 'NotFoundError'
}
export class ConflictError<B = unknown> extends HttpError<B> {
  override name = 'ConflictError'
}
export class UnprocessableEntityError<B = unknown> extends HttpError<B> {
  override name = 'UnprocessableEntityError'
}
export class TooManyRequestsError<B = unknown> extends HttpError<B> {
  override name = 'TooManyRequestsError'
}
/** Any 5xx. */
export class ServerError<B = unknown> extends HttpError<B> {
  override name = 'ServerError'
}

const byStatus: Record<number, typeof HttpError> = {
  400: BadRequestError,
  401: UnauthorizedError,
  403: ForbiddenError,
  404: NotFoundError,
  409: ConflictError,
  422: UnprocessableEntityError,
  429: TooManyRequestsError,
}

const REQUEST_ID = ['x-request-id', 'request-id', 'x-amzn-requestid', 'x-amz-request-id', 'x-correlation-id']

/** The request id a server sent (`x-request-id` and its cousins), from lower-cased response headers. */
export function requestIdOf(headers: Record<string, string>): string | undefined {
  return REQUEST_ID.map((n) => headers[n]).find((v) => v !== undefined)
}

/** The most specific class for a status. */
export function createHttpError(init: HttpErrorInit): HttpError {
  const Ctor = byStatus[init.status] ?? (init.status >= 500 ? ServerError : HttpError)
  return new Ctor(init)
}
