/**
 * `@codomyrmex/networking/runtime`: what applications write by hand — the constructors they call,
 * the values they pass (auth strategies, codecs, loggers), the errors they catch and the types they
 * annotate with. Everything else (`createApiCore`, the document contract types, feature objects,
 * extension points and low-level helpers) is in `./internal`, which follows the generator and
 * makes no promise to hand-written code (docs/decisions/runtime-entries.md has the rule). No
 * `node:` imports: runs in browsers, workers and Node.
 */
export { createHttpClient, createHttpCore, type HttpClient } from './http/client'
export type { HttpClientOptions, RequestOptions, ApiClientOptions } from './http/types'
export type { ServerSentEvent } from './http/sse'
export type { ErrorResponse, Operation } from './api/types'

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

export { bearer, basic, apiKey, httpScheme } from './auth/strategies'
export { oauth2 } from './auth/oauth2'
export type { AuthStrategy } from './auth/types'

export { UNSAFE_REVEAL_SECRETS } from './log/redact'
export { consoleLogger } from './log/logger'
export { consolaLogger, pinoLogger } from './telemetry/loggers'
export { instrumentOpenTelemetry, type TracerLike } from './telemetry/otel'
export type { Logger, LogEvent } from './log/types'

export { connectWebSocket, createWebSocket, createWebSocketCore } from './ws/client'
export { jsonCodec, rawCodec } from './ws/codec'
export type { WebSocketClient, WebSocketOptions } from './ws/types'
export {
  WebSocketClosedError,
  WebSocketConnectError,
  WebSocketHandshakeError,
  WebSocketHeartbeatTimeoutError,
  WebSocketMessageTooBigError,
  WebSocketQueueOverflowError,
} from './errors/websocket'
export { WsRequestError } from './ws-api/errors'
export type { WsApiConnection } from './ws-api/types'

export { createNetworkManager } from './manager/manager'
export { rateLimiting } from './manager/rate-limiting'
export { httpClient, apiClient } from './manager/kinds/http'
export { webSocketClient } from './manager/kinds/websocket'
export { CircuitOpenError, ManagerClosedError, StoreUnavailableError } from './manager/errors'
export type { NetworkManager } from './manager/types'

export { paginate } from './pagination/paginate'
export { PaginationError } from './pagination/errors'
