import { ATTEMPT_TIMEOUT_CODE } from '../http/transport'

/** The attempt timeout passed; the client reads the code and reports a `TimeoutError` of kind `attempt`. */
export function attemptTimedOut(phase: 'headers' | 'body', cause?: unknown): Error {
  const error = new Error(`attempt timed out waiting for the ${phase}`, { cause }) as Error & { code: string }
  error.name = 'TimeoutError'
  error.code = ATTEMPT_TIMEOUT_CODE
  return error
}
