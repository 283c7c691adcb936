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
  let value: string | null | undefined
  if (headers instanceof Headers) {
    value = headers.get(ATTEMPT_HEADER)
    if (value === null) return { attempt: undefined, init }
    // Removed in place: the header is only ever set on the per-attempt copy the HTTP client makes.
    headers.delete(ATTEMPT_HEADER)
  } else if (Array.isArray(headers)) {
    const kept = headers.filter(([name]) => name.toLowerCase() !== ATTEMPT_HEADER)
    if (kept.length === headers.length) return { attempt: undefined, init }
    value = headers.find(([name]) => name.toLowerCase() === ATTEMPT_HEADER)?.[1]
    init = { ...init, headers: kept }
  } else {
    const record = headers as Record<string, string>
    const key = Object.keys(record).find((name) => name.toLowerCase() === ATTEMPT_HEADER)
    if (key === undefined) return { attempt: undefined, init }
    value = record[key]
    const { [key]: _, ...rest } = record
    init = { ...init, headers: rest }
  }
  const attempt = Number(value)
  return { attempt: Number.isInteger(attempt) && attempt >= 1 ? attempt : undefined, init }
}
