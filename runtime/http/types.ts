import type { AuthStrategy, Credential } from '../auth/types'
import type { RetryBudgetOptions } from '../policy/budget'
import type { LoggerOption } from '../log/types'
import type { UNSAFE_REVEAL_SECRETS } from '../log/redact'
import type { Timers } from './timers'

export interface RetryOptions {
  /** Retries after the first attempt. @default 2 */
  limit?: number
  /** Statuses retried (idempotent requests only). @default [408, 425, 429, 500, 502, 503, 504] */
  statusCodes?: readonly number[]
  /** First backoff ceiling in ms; doubles per retry, full jitter. @default 300 */
  baseDelay?: number
  /** Backoff cap in ms. @default 10000 */
  maxDelay?: number
  /** Longest `Retry-After` we wait; longer ends the call with `RateLimitedError`. @default 60000 */
  maxRetryAfter?: number
  /** The per-origin retry budget; `false` turns it off. @default { ratio: 0.2, floor: 3, window: 10000 } */
  budget?: RetryBudgetOptions | false
}

export interface AttemptContext {
  method: string
  /** Redacted. */
  url: string
  operationId: string | undefined
  /** 1 for the first attempt; an auth replay after a 401 counts as an attempt too. */
  attempt: number
  /** Identifies the call (the same on all its attempts); unique within the process. */
  callId: number
}

export interface RetryContext extends AttemptContext {
  /** Why: `status 503`, `network error`, `attempt timeout`, `connection refused`. */
  reason: string
  /** Milliseconds until the next attempt. */
  delay: number
  delaySource: 'backoff' | 'retry-after'
  /** The failure being retried (an HttpError, ConnectionError or TimeoutError). */
  error: unknown
}

export interface Hooks {
  /** Before each attempt is sent; may add headers. */
  onRequest?: (ctx: AttemptContext & { headers: Headers }) => void | Promise<void>
  /** After each attempt's response headers arrive (any status). */
  onResponse?: (ctx: AttemptContext & { response: Response }) => void | Promise<void>
  /** Before waiting for a retry. */
  onRetry?: (ctx: RetryContext) => void | Promise<void>
  /** When the call fails for good. */
  onError?: (ctx: AttemptContext & { error: unknown }) => void | Promise<void>
}

/** How to read the body; by default it follows the response's Content-Type. */
export type ResponseType = 'json' | 'text' | 'blob' | 'arrayBuffer' | 'stream' | 'sse'

export type HeaderValues = Record<string, string | number | boolean | undefined>

/** Options of one call (second argument of a generated operation, last of `client.get`...). */
export interface RequestOptions {
  signal?: AbortSignal
  headers?: HeaderValues
  /**
   * Per-attempt timeout in ms (headers and buffered body); a fresh timer per attempt. `0` turns it
   * off, which saves an AbortSignal per request on hot loops (see docs/benchmarks/http-runtime.md).
   * @default 30000
   */
  timeout?: number
  /** Total time in ms for all attempts and waits. @default none */
  deadline?: number
  /** Retry count, options, or `false` for one attempt only. */
  retry?: number | RetryOptions | false
  /**
   * Send `Idempotency-Key` (the same value on every attempt), which also lets POST/PATCH retry.
   * `true` generates a key per call.
   */
  idempotencyKey?: string | true
  /** Declare this call safe to repeat (lets POST/PATCH retry). */
  idempotent?: boolean
  responseType?: ResponseType
  /** Extra query parameters (hand-written calls). */
  query?: Record<string, string | number | boolean | readonly (string | number | boolean)[] | undefined>
  hooks?: Hooks
}

/** Options shared by a hand-made client and a generated API's client. */
export interface ClientOptions extends Omit<RequestOptions, 'signal' | 'query' | 'idempotencyKey' | 'idempotent' | 'responseType'> {
  /**
   * Aborts every call of this client (merged with each call's own `signal`): calls in flight, waits
   * between retries and streamed bodies end with an `AbortError`; later calls fail at once.
   */
  signal?: AbortSignal
  /**
   * Prefix for relative URLs. For a generated API it replaces the document's server URL entirely
   * (include any path prefix such as `/api/v3`); credentials are sent to its origin too.
   */
  baseUrl?: string
  /**
   * Used instead of `globalThis.fetch`; either is looked up at call time, so msw and late polyfills
   * work. On Node, pass an undici-based fetch with a custom Agent to tune connection pooling or the
   * Agent's `headersTimeout`/`bodyTimeout` (300 s by default) for very long calls.
   */
  fetch?: typeof globalThis.fetch
  logger?: LoggerOption
  /** A name shown in logs and inspection. */
  name?: string
  /**
   * Largest buffered success body (JSON, text, Blob, ArrayBuffer), in decoded bytes: a hostile or
   * broken server cannot fill memory. Streams and SSE are not buffered, so not bounded.
   * @default unlimited
   */
  maxBodyBytes?: number
  /** Largest error body kept on `HttpError.body`, in bytes. @default 65536 */
  maxErrorBodyBytes?: number
  /** Extra query/header names redacted in logs and errors (API-key names are added automatically). */
  redact?: { query?: readonly string[]; headers?: readonly string[] }
  /**
   * Send a fresh `Idempotency-Key` with every non-idempotent request (POST, PATCH), the same on each
   * of its attempts, which makes them retriable. Only for servers that honour the header.
   * @default false
   */
  idempotencyKeys?: boolean
  /** Redaction is on everywhere; this exact sentence turns it off. */
  unsafeRevealSecrets?: typeof UNSAFE_REVEAL_SECRETS
  /**
   * The clock, timers and randomness behind timeouts, deadlines, retry waits and jitter; for tests
   * (as the WebSocket client's `timers`). @default the real ones
   */
  timers?: Partial<Timers>
}

export interface HttpClientOptions extends ClientOptions {
  /** Strategies applied to every request whose origin is `baseUrl`'s or one of `authOrigins`. */
  auth?: AuthStrategy | readonly AuthStrategy[]
  /** Origins (`https://api.example.com`) besides `baseUrl`'s that may receive credentials. */
  authOrigins?: readonly string[]
}

/** Options of a generated API's client (`configure`, `createClient`). */
export interface ApiClientOptions<TScheme extends string = string> extends ClientOptions {
  /** Credentials keyed by the document's securityScheme names. */
  auth?: Partial<Record<TScheme, Credential>>
  /** Values for the server URL's `{variables}` (defaults from the document). */
  serverVariables?: Record<string, string>
  /** Which of the operation's servers to use, by index or `description` (default: the first); `baseUrl` wins. */
  server?: number | string
}
