import { NetworkingError } from './networking-error'

/** Getting a credential failed: the OAuth2 token endpoint refused or was unreachable, a provider threw. */
export class AuthError extends NetworkingError {
  override name = 'AuthError'
  constructor(message: string, options: { cause?: unknown; status?: number } = {}) {
    super(message, { code: 'ERR_AUTH', cause: options.cause })
    this.status = options.status
  }
  readonly status: number | undefined
}
