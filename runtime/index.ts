/**
 * `@codomyrmex/networking/runtime`: what generated modules import, and a small resilient HTTP
 * client for hand-written calls. No `node:` imports: runs in browsers, workers and Node.
 */
export { createApi, createApiCore, type Api } from './api/create-api'
export { authFeature, oauth2Feature, sseFeature, formsFeature, allFeatures, type RuntimeFeatures } from './http/features'
export { createHttpClient, createHttpCore, type HttpClient, type SendInit, type SendResult, type BodyOptions } from './http/client'
export type { ServerSentEvent } from './http/sse'
export * from './errors/index'
export { redactUrl, redactHeaders, REDACTED, UNSAFE_REVEAL_SECRETS, type RedactOptions } from './log/redact'
export { consoleLogger } from './log/logger'
export type { Logger, LogEvent, LogLevel, LoggerOption } from './log/types'
export { bearer, basic, apiKey, httpScheme } from './auth/strategies'
export { oauth2, type OAuth2Env } from './auth/oauth2'
export type { AuthStrategy, AuthRequest, Credential, TokenProvider, BasicCredential, OAuth2ClientCredentials, OAuth2RefreshToken } from './auth/types'
export { createRetryBudget, type RetryBudget, type RetryBudgetOptions } from './policy/budget'
export type * from './api/types'
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
export * from './ws-api/index'
export * from './pagination/index'
export * from './query/index'
