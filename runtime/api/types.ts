/**
 * The contract between generated modules (`virtual:api/<name>`, built by `src/codegen`) and the
 * runtime. Generated JavaScript passes plain data shaped like these interfaces to `createApi` and
 * `api.operation`; generated declarations use the generic types below. Changing a shape here is a
 * breaking change for both sides: update `src/codegen` and the runtime together.
 */

export type HttpMethod = 'GET' | 'PUT' | 'POST' | 'DELETE' | 'OPTIONS' | 'HEAD' | 'PATCH' | 'TRACE'

export type ParameterLocation = 'path' | 'query' | 'header' | 'cookie'

export type ParameterStyle = 'matrix' | 'label' | 'simple' | 'form' | 'spaceDelimited' | 'pipeDelimited' | 'deepObject'

/** One parameter of an operation, with the document's serialization rules already defaulted. */
export interface ParameterDef {
  name: string
  in: ParameterLocation
  required?: boolean
  /** Defaults per location as in the OpenAPI Specification (path/header: simple, query/cookie: form). */
  style?: ParameterStyle
  /** Defaults to true for style form, false otherwise. */
  explode?: boolean
  allowReserved?: boolean
  /** Set when the parameter is described with `content` instead of `schema` (value serialized as that media type, e.g. JSON). */
  contentType?: string
}

export interface EncodingDef {
  contentType?: string
  style?: ParameterStyle
  explode?: boolean
  allowReserved?: boolean
  headers?: Record<string, unknown>
}

export interface RequestBodyDef {
  required?: boolean
  /** Media types in document order; the first is the default when the caller names none. */
  contentTypes: string[]
  /** The `encoding` object per media type (form-urlencoded and multipart). */
  encoding?: Record<string, Record<string, EncodingDef>>
}

export interface ResponseDef {
  /**
   * Media types in document order; empty for a response without content (204). Those of the 2xx
   * responses are the operation's `Accept`, unless the caller's headers set one.
   */
  contentTypes: string[]
}

export interface ServerVariableDef {
  default: string
  enum?: string[]
}

export interface ServerDef {
  url: string
  /** The document's description, by which `server: '<description>'` picks this server. */
  description?: string
  variables?: Record<string, ServerVariableDef>
}

export interface OAuthFlowDef {
  authorizationUrl?: string
  tokenUrl?: string
  refreshUrl?: string
  scopes?: Record<string, string>
}

export type SecuritySchemeDef =
  | { type: 'apiKey'; in: 'header' | 'query' | 'cookie'; name: string }
  | { type: 'http'; scheme: string; bearerFormat?: string }
  | {
      type: 'oauth2'
      flows: {
        clientCredentials?: OAuthFlowDef
        authorizationCode?: OAuthFlowDef
        password?: OAuthFlowDef
        implicit?: OAuthFlowDef
      }
    }
  | { type: 'openIdConnect'; openIdConnectUrl: string }
  | { type: 'mutualTLS' }

/** OR of ANDs, as in the document: `[{}]` or `[]` means no authentication. */
export type SecurityRequirement = Record<string, string[]>

/** What `createApi` receives: the document-level facts. */
export interface ApiDef {
  /** The registered name (`petstore` for `virtual:api/petstore`). */
  name: string
  servers?: ServerDef[]
  securitySchemes?: Record<string, SecuritySchemeDef>
  /** Document-level security; an operation without its own `security` uses this. */
  security?: SecurityRequirement[]
}

/** What `api.operation` receives: one operation, as data. */
export interface OperationDef {
  /** operationId, or the generator's deterministic fallback. */
  id: string
  method: HttpMethod
  /** Path template as in the document, e.g. `/pets/{petId}`. */
  path: string
  params?: ParameterDef[]
  body?: RequestBodyDef
  /** Keyed by status code (`200`, `4XX`, `default`). */
  responses?: Record<string, ResponseDef>
  /**
   * The Accept header the operation sends: its 2xx media types, joined (`application/json, text/csv`),
   * written by the generator. Without it, the `accept` part derives it from `responses`.
   */
  accept?: string
  /** Overrides the document-level security; `[]` turns authentication off for this operation. */
  security?: SecurityRequirement[]
  servers?: ServerDef[]
  /** True when the document marks the operation idempotent (`x-idempotent: true`), which lets POST/PATCH be retried. */
  idempotent?: boolean
  deprecated?: boolean
  /** How its pages link together, from the plugin's `apis.<name>.pagination` (read by `paginate()`). */
  pagination?: PaginationConfig
}

/**
 * The code an operation's data needs, which the generator imports by name per operation (and
 * `createApi` passes in full), so a bundle carries only the parameter styles, body encoder and
 * server variables the imported operations use. Missing a part that the data needs is a
 * `ConfigurationError` naming it, not a silently different request.
 */
export interface OperationParts {
  /** Fills the path template's `{name}`s (operations whose path has parameters). */
  path?: (op: OperationDef, values: Record<string, unknown> | undefined, where: string, parts: OperationParts) => string
  /** The Cookie header's `name=value` pairs for the cookie parameters given. */
  cookie?: (p: ParameterDef, value: unknown, where: string, parts: OperationParts) => string[]
  /** A header parameter's checked text. */
  header?: (p: ParameterDef, value: unknown, where: string, parts: OperationParts) => string
  /** Query/cookie pairs of style form, spaceDelimited or pipeDelimited. */
  form?: (p: ParameterDef, value: unknown, encode: (v: string) => string) => [name: string, value: string][]
  /** Query/cookie pairs of style deepObject. */
  deepObject?: (p: ParameterDef, value: unknown, encode: (v: string) => string) => [name: string, value: string][]
  /** The text of a parameter described with `content` (JSON for a JSON media type). */
  content?: (p: ParameterDef, value: unknown) => string
  /** Encodes the request body (operations with a `requestBody`). */
  body?: (
    def: RequestBodyDef | undefined,
    value: unknown,
    chosen: string | undefined,
    where: string,
    forms?: RuntimeFeatures['forms'],
  ) => { body: BodyInit | undefined; contentType: string | undefined }
  /** Derives the Accept header from `responses` for a definition that has no `accept` (hand-written ones; `createApi`). */
  accept?: (op: OperationDef) => string | undefined
  /**
   * A server's URL: `{variables}` filled, refused when it does not parse, a relative one resolved
   * against the page (passed to `createApiCore` when a server URL is not a plain absolute one).
   */
  server?: (server: ServerDef, overrides: Record<string, string> | undefined, where?: string) => string
}

/**
 * The first argument of a generated operation. Generated declarations narrow each member to the
 * operation's own parameters and body (members are omitted when the operation has none).
 */
export interface OperationInput {
  path?: Record<string, unknown>
  query?: Record<string, unknown>
  header?: Record<string, unknown>
  cookie?: Record<string, unknown>
  body?: unknown
  /** Picks one of the operation's request media types; defaults to the first. */
  contentType?: string
}

import type { ApiClientOptions, RequestOptions } from '../http/types'
import type { PaginationConfig } from '../pagination/types'
import type { RuntimeFeatures } from '../http/features'
import type { HttpError } from '../errors/http-error'
import type { NetworkingError } from '../errors/networking-error'

/** A documented error response: generated code passes a union of these as `E`. */
export interface ErrorResponse<S extends number | 'default' = number | 'default', B = unknown> {
  status: S
  body: B
}

/** Input members an operation requires decide whether its first argument may be omitted. */
export type OperationArgs<I> = {} extends I ? [input?: I, options?: RequestOptions] : [input: I, options?: RequestOptions]

/**
 * A generated operation: call it for the parsed 2xx body (errors throw), or use `.safe()` for a
 * result that never throws. `D` is the success body, `E` the union of documented error responses.
 */
export interface Operation<I extends OperationInput = OperationInput, D = unknown, E extends ErrorResponse = ErrorResponse> {
  (...args: OperationArgs<I>): Promise<D>
  safe(...args: OperationArgs<I>): Promise<SafeResult<D, E>>
  readonly def: OperationDef
}

export type { ApiClientOptions, RequestOptions }

/**
 * The error of `.safe()`. A documented error response narrows `body` by `status`
 * (`if (error.status === 404) error.body`); network, timeout, abort and parse failures have no
 * `status`. A status the document does not list arrives typed as its `default` response when there is one.
 */
export type SafeError<E extends ErrorResponse> =
  | (E extends ErrorResponse<infer S, infer B>
      ? Omit<HttpError<B>, 'status' | 'body'> & { readonly status: S extends number ? S : number; readonly body: B }
      : never)
  | (NetworkingError & { readonly status?: undefined; readonly body?: undefined })

/** What `.safe()` resolves to: never throws. */
export type SafeResult<D, E extends ErrorResponse> =
  | { data: D; error: undefined; response: Response }
  | { data: undefined; error: SafeError<E> & { readonly __errors?: E }; response: Response | undefined }
