import { basicHeader } from '../auth/strategies'
import { registerCredentialValue } from '../log/redact'
import { RequestError } from '../errors/request-error'
import { newIdempotencyKey } from '../policy/idempotency'
import { HEADER_NAME, setHeaders } from './headers'
import type { HeaderValues, RequestOptions } from './types'

export interface Prepared {
  /** The absolute URL, userinfo removed. */
  target: URL
  /** Client and call headers (no credentials yet: those are added per attempt). */
  headers: Headers
  body: BodyInit | undefined
  /** A stream body can be sent once only. */
  replayable: boolean
}

const isRawBody = (b: unknown): b is BodyInit =>
  typeof b === 'string' ||
  b instanceof Blob ||
  b instanceof ArrayBuffer ||
  ArrayBuffer.isView(b) ||
  b instanceof FormData ||
  b instanceof URLSearchParams ||
  b instanceof ReadableStream

/** Refuses a method that is not an RFC 9110 token (`method` upper-cased, `given` as the caller wrote it). */
export function checkMethod(method: string, given: string): void {
  // A method with CR/LF or spaces would be a request-smuggling vector (CVE-2020-26137). A method is
  // a token, as a header name is (upper-cased here, so no lower-case letter can pass).
  if (!HEADER_NAME.test(method)) throw new RequestError(`invalid HTTP method ${JSON.stringify(given)}`, { code: 'ERR_METHOD' })
}

/**
 * Everything decided once per call, before the first attempt: the URL, the headers (refusing
 * CR/LF/NUL), the idempotency key, and the body (plain values become JSON).
 */
export function prepareRequest(
  href: string,
  clientHeaders: HeaderValues | undefined,
  init: Pick<RequestOptions, 'headers' | 'idempotencyKey'> & { body?: unknown },
  where: () => string,
): Prepared {
  let target: URL
  try {
    target = new URL(href)
  } catch (cause) {
    throw new RequestError(`${where()}: not an absolute URL (set baseUrl)`, { code: 'ERR_URL', cause })
  }
  const headers = new Headers()
  // fetch refuses URLs with userinfo; send it as Basic credentials instead (the curl/axios behaviour).
  if (target.username || target.password) {
    const password = decodeURIComponent(target.password)
    registerCredentialValue(password)
    headers.set('authorization', basicHeader(decodeURIComponent(target.username), password))
    target.username = ''
    target.password = ''
  }
  setHeaders(headers, clientHeaders, where)
  setHeaders(headers, init.headers, where)
  if (init.idempotencyKey !== undefined && !headers.has('idempotency-key')) {
    headers.set('idempotency-key', init.idempotencyKey === true ? newIdempotencyKey() : init.idempotencyKey)
  }
  let body: BodyInit | undefined
  if (init.body !== undefined && init.body !== null) {
    if (isRawBody(init.body)) {
      body = init.body
      // Said here, not left to fetch, so that hooks and logs see the Content-Type that goes out.
      if (typeof body === 'string' && !headers.has('content-type')) headers.set('content-type', 'text/plain;charset=UTF-8')
    } else {
      body = JSON.stringify(init.body)
      if (!headers.has('content-type')) headers.set('content-type', 'application/json')
    }
  }
  return { target, headers, body, replayable: !(body instanceof ReadableStream) }
}
