import { NetworkingError } from './networking-error'

/**
 * A mistake in the client's setup, not in a request: a baseUrl that does not parse, an option of
 * the wrong type, a credential that does not fit its security scheme, a feature not passed in.
 * Thrown when the client is created or configured where possible, else before the first request
 * is sent. Never retried.
 */
export class ConfigurationError extends NetworkingError {
  override name = 'ConfigurationError'
  constructor(
    message: string,
    /** The option at fault: `baseUrl`, `timeout`, `hooks.onRequest`, `auth.<scheme>`, `origins`... */
    readonly option: string,
  ) {
    super(message, { code: 'ERR_CONFIGURATION' })
  }

  protected override get shownFields(): readonly string[] {
    return ['option']
  }
}
