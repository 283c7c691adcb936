import { NetworkingError } from './networking-error'

/**
 * The request was refused before anything was sent: a missing required parameter, a header value
 * with CR/LF/NUL, a body the operation cannot encode, no base URL. Never retried.
 */
export class RequestError extends NetworkingError {
  override name = 'RequestError'
  constructor(message: string, options: { code?: string; cause?: unknown } = {}) {
    super(message, { code: options.code ?? 'ERR_REQUEST', cause: options.cause })
  }
}
