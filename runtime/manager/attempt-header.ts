/**
 * How a managed HTTP client tells the manager's fetch which attempt a call is. The client's
 * `onRequest` hook sees the attempt number but not the fetch call, and the headers object it gets
 * is copied before fetch; a header survives the copy. It is a private header: the manager's fetch
 * removes it before anything is sent, so no server (and no CORS preflight) ever sees it.
 */
export const ATTEMPT_HEADER = 'x-codomyrmex-attempt'

/** Reads and removes the private header; returns the attempt (1 = first) when present. */
export function takeAttempt(init: RequestInit | undefined): { attempt: number | undefined; init: RequestInit | undefined } {
  const headers = init?.headers
  if (!headers) return { attempt: undefined, init }
  // A Headers object is the per-attempt copy the HTTP client makes: the header is removed in place.
  // Another form (a custom kind's record or pairs) is copied, so the caller's object is never changed.
  const h = headers instanceof Headers ? headers : new Headers(headers)
  const value = h.get(ATTEMPT_HEADER)
  if (value === null) return { attempt: undefined, init }
  h.delete(ATTEMPT_HEADER)
  if (h !== headers) init = { ...init, headers: h }
  const attempt = Number(value)
  return { attempt: Number.isInteger(attempt) && attempt >= 1 ? attempt : undefined, init }
}
