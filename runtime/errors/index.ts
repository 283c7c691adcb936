export { NetworkingError } from './networking-error'
export { RequestError } from './request-error'
export { ConfigurationError } from './configuration-error'
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
  createHttpError,
  type HttpErrorInit,
} from './http-error'
export { ConnectionError, TimeoutError, AbortError, ParseError, BodyTooLargeError, RedirectError } from './transport-errors'
export { RateLimitedError } from './rate-limited-error'
export { AuthError } from './auth-error'
export type { RequestInfo } from './request-info'
