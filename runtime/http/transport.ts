/**
 * The seam for a transport that enforces the per-attempt timeout itself (the Node transport,
 * `@codomyrmex/networking/node`, on undici's own timers): the client then makes no timer and no
 * AbortSignal per attempt, and hands the timeout to the fetch call instead. Marked with a
 * registered symbol, not a class, so the mark survives being bundled twice.
 */
export const OWNS_ATTEMPT_TIMEOUT: unique symbol = Symbol.for('@codomyrmex/networking:owns-attempt-timeout')

/** The code of the error such a transport throws (or fails a body with) when the attempt timeout passes. */
export const ATTEMPT_TIMEOUT_CODE = 'ERR_ATTEMPT_TIMEOUT'

/** What the client adds to the fetch init of a transport that owns the attempt timeout. */
export interface AttemptTimeout {
  /** Milliseconds for the headers and a buffered body together; 0: none. */
  ms: number
  /** The caller streams the body (`responseType: 'stream' | 'sse'`): the timeout ends with the headers. */
  stream: boolean
}

export function ownsAttemptTimeout(fetch: unknown): boolean {
  return typeof fetch === 'function' && (fetch as { [OWNS_ATTEMPT_TIMEOUT]?: unknown })[OWNS_ATTEMPT_TIMEOUT] === true
}
