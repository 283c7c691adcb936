/** A secret, or a function returning one (evaluated on every attempt, so rotation just works). */
export type TokenProvider = string | (() => string | Promise<string>)

/** What a strategy may change on an outgoing request. */
export interface AuthRequest {
  url: URL
  headers: Headers
}

/**
 * How credentials get onto a request. Built-ins cover the document's security schemes; implement
 * this for anything else (HMAC signing, SigV4...).
 */
export interface AuthStrategy {
  apply(request: AuthRequest): void | Promise<void>
  /**
   * Called once per call after a 401. Return true when new credentials exist, so the request is
   * replayed once. `sent` are the headers the refused attempt carried, so a strategy can tell a
   * stale credential from one already renewed. Concurrent callers should share one refresh (see `oauth2`).
   */
  refresh?(sent?: Headers): Promise<boolean>
}

export interface BasicCredential {
  username: string
  password: string
}

/** OAuth2 client credentials (token URL from the document unless given). */
export interface OAuth2ClientCredentials {
  clientId: string
  clientSecret: string
  scopes?: readonly string[]
  tokenUrl?: string
  /** How the client authenticates at the token endpoint. @default 'basic' */
  clientAuth?: 'basic' | 'body'
  /** Refresh this long before expiry, in ms. @default 30000 */
  leeway?: number
  /** Give up on the token endpoint after this many ms. @default 30000 */
  timeout?: number
}

/** A token obtained elsewhere (authorization code, device flow), refreshed with the refresh token. */
export interface OAuth2RefreshToken {
  accessToken?: string
  refreshToken: string
  clientId?: string
  clientSecret?: string
  tokenUrl?: string
  /** When `accessToken` expires (epoch ms). */
  expiresAt?: number
  leeway?: number
  /** Give up on the token endpoint after this many ms. @default 30000 */
  timeout?: number
  /** Told about every new token, to persist it. */
  onToken?: (token: { accessToken: string; refreshToken?: string; expiresAt?: number }) => void
}

/** The value of `options.auth[schemeName]`. */
export type Credential = TokenProvider | BasicCredential | OAuth2ClientCredentials | OAuth2RefreshToken | AuthStrategy
