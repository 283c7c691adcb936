/**
 * `@codomyrmex/networking/runtime`: what applications call — the HTTP client, errors, auth,
 * redaction, logging, WebSocket, the network manager, pagination — and the types they name.
 * What only generated modules need (`createApiCore`, the document contract types, the feature
 * objects a document selects) is in `./internal`. No `node:` imports: runs in browsers, workers
 * and Node.
 */
export { authFeature, formsFeature, sseFeature, type RuntimeFeatures } from './http/features'
export { createHttpClient, createHttpCore, type HttpClient, type SendInit, type SendResult, type BodyOptions } from './http/client'
export type { ServerSentEvent } from './http/sse'
export { NetworkingError } from './errors/networking-error'
export { RequestError } from './errors/request-error'
export { ConfigurationError } from './errors/configuration-error'
export {
  HttpError,
  BadRequestError,
  UnauthorizedError,
  ForbiddenError,
  NotFoundError,
  ConflictError,
  UnprocessableEntityError,
  TooManyRequestsError,
  ServerError,
} from './errors/http-error'
export { ConnectionError, TimeoutError, AbortError, ParseError, BodyTooLargeError, RedirectError } from './errors/transport-errors'
export { RateLimitedError } from './errors/rate-limited-error'
export { AuthError } from './errors/auth-error'
export type { RequestInfo } from './errors/request-info'
export { redactUrl, redactHeaders, REDACTED, UNSAFE_REVEAL_SECRETS, type RedactOptions } from './log/redact'
export { consoleLogger } from './log/logger'
export type { Logger, LogEvent, LogLevel, LoggerOption } from './log/types'
export { bearer, basic, apiKey, httpScheme } from './auth/strategies'
export { oauth2, type OAuth2Env } from './auth/oauth2'
export type { AuthStrategy, AuthRequest, Credential, TokenProvider, BasicCredential, OAuth2ClientCredentials, OAuth2RefreshToken } from './auth/types'
export { createRetryBudget, type RetryBudget, type RetryBudgetOptions } from './policy/budget'
// What a generated operation is and returns, for code that takes operations as arguments.
export type { ErrorResponse, Operation, SafeError, SafeResult } from './api/types'
export type {
  ApiClientOptions,
  ClientOptions,
  HttpClientOptions,
  RequestOptions,
  RetryOptions,
  Hooks,
  AttemptContext,
  RetryContext,
  ResponseType,
  HeaderValues,
} from './http/types'
export * from './ws/index'
export * from './manager/index'
export { WsApiUrlError, WsRequestError } from './ws-api/errors'
export type { WsApiBaseOptions, WsApiConnectOptions, WsApiConnection, WsConnectionOf, WsMessage, WsRequestOptions } from './ws-api/types'
export * from './pagination/index'
