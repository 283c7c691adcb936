import type { AuthStrategy } from '../auth/types'
import { createHttpError, requestIdOf, type HttpError } from '../errors/http-error'
import { RateLimitedError } from '../errors/rate-limited-error'
import { RequestError } from '../errors/request-error'
import { AbortError, TimeoutError } from '../errors/transport-errors'
import type { RequestInfo } from '../errors/request-info'
import { createEmitter } from '../log/logger'
import { redactHeaders, redactUrl, type RedactOptions } from '../log/redact'
import { budgetFor } from '../policy/budget'
import { decide, type FailureKind } from '../policy/retry'
import { idempotencyKeyFor } from '../policy/idempotency'
import { ConfigurationError } from '../errors/configuration-error'
import { credentials } from './credentials'
import { parseEventStream } from './sse'
import { DEFAULT_MAX_ERROR_BODY, DEFAULT_TIMEOUT } from './defaults'
import { resolveTimers } from './timers'
import { classifyThrown, type Stage } from './failure'
import { attemptLog, errorSummary } from '../log/attempt-log'
import { checkOptions } from './check-options'
import { checkMethod, prepareRequest } from './prepare'
import { detectResponseType, isStreamed } from './media-type'
import { resolveRetry } from './options'
import { readBody, readErrorBody } from './response'
import type { RuntimeFeatures } from './features'
import { followRedirects } from './redirect'
import { attemptScope, callScope, sleep } from './scope'
import { ownsAttemptTimeout } from './transport'
import type { AttemptContext, Hooks, HttpClientOptions, RequestOptions } from './types'
import { appendQuery, joinUrl } from './url'

export interface SendInit extends RequestOptions {
  method: string
  /** Absolute, or relative to `baseUrl`. */
  url: string
  /** Encoded (string, Blob, FormData...) or a plain value sent as JSON. */
  body?: unknown
  operationId?: string
  /** Strategies for this call (generated operations pick them per security requirement). */
  auth?: readonly AuthStrategy[]
}

export interface SendResult<T = unknown> {
  data: T
  response: Response
  attempts: number
}

export type BodyOptions = RequestOptions & { body?: unknown }

export interface HttpClient {
  request<T = unknown>(method: string, url: string, options?: BodyOptions): Promise<T>
  get<T = unknown>(url: string, options?: RequestOptions): Promise<T>
  delete<T = unknown>(url: string, options?: BodyOptions): Promise<T>
  head(url: string, options?: RequestOptions): Promise<undefined>
  options<T = unknown>(url: string, options?: RequestOptions): Promise<T>
  post<T = unknown>(url: string, body?: unknown, options?: RequestOptions): Promise<T>
  put<T = unknown>(url: string, body?: unknown, options?: RequestOptions): Promise<T>
  patch<T = unknown>(url: string, body?: unknown, options?: RequestOptions): Promise<T>
  /** The full exchange: parsed data, the Response (body consumed unless streamed) and the attempt count. */
  send<T = unknown>(init: SendInit): Promise<SendResult<T>>
}

let calls = 0

const BUDGET_OUT = 'retry budget exhausted'

/** Adds to an error's message after the fact, its stack's first line included. */
function amend(error: unknown, note: string): void {
  if (!(error instanceof Error)) return
  const before = error.message
  error.message += note
  if (error.stack) error.stack = error.stack.replace(before, error.message)
}

// Server-like runtimes return real 3xx responses with redirect: 'manual', so we follow every
// redirect ourselves: credentials (set by auth or by hand) are dropped on an origin change, only
// http:/https: are followed, and a loop is a RedirectError, not a network failure to retry.
// Browsers strip Authorization cross-origin themselves and would hand us an opaque response instead.
const CAN_FOLLOW = typeof (globalThis as { document?: unknown }).document === 'undefined' && !('WorkerGlobalScope' in globalThis)

/**
 * A client for hand-written calls with everything a hand-written call may meet: credentials
 * (`auth`) and event streams parsed into async iterators. Generated API modules build theirs with
 * `createApiCore`; `createHttpCore` takes only the features passed, for smaller bundles.
 */
export function createHttpClient(options: HttpClientOptions = {}, features?: RuntimeFeatures): HttpClient {
  return createHttpCore(options, { sse: parseEventStream, ...features, credentials })
}

/** `createHttpClient` with only the optional features passed in (see `RuntimeFeatures`), for smaller bundles. */
export function createHttpCore(options: HttpClientOptions, features: RuntimeFeatures = {}): HttpClient {
  checkOptions(options, 'createHttpClient')
  const timers = resolveTimers(options.timers)
  const emit = createEmitter(options.logger)
  const log = attemptLog(emit, options.name, timers.now)
  const redact: RedactOptions = { ...options.redact, unsafeRevealSecrets: options.unsafeRevealSecrets }
  const baseUrl = options.baseUrl
  const clientAuth = options.auth === undefined ? [] : Array.isArray(options.auth) ? options.auth : [options.auth as AuthStrategy]
  const cred = features.credentials
  const authOrigins = cred?.origins([baseUrl], options.authOrigins)
  const noCredentials = (): ConfigurationError => new ConfigurationError('createHttpCore: auth needs authFeature (credentials are sent by it)', 'auth')
  if (clientAuth.length > 0 && !cred) throw noCredentials()
  const maxErrorBody = options.maxErrorBodyBytes ?? DEFAULT_MAX_ERROR_BODY
  const maxBody = options.maxBodyBytes
  const clientPolicy = resolveRetry(options.retry, undefined, true)
  const clientHooks: readonly Hooks[] = options.hooks ? [options.hooks] : []
  const strippedOnRedirect = (options.redact?.headers ?? []).map((n) => n.toLowerCase())

  async function send<T>(init: SendInit): Promise<SendResult<T>> {
    const method = init.method.toUpperCase()
    checkMethod(method, init.method)
    let href = appendQuery(joinUrl(baseUrl, init.url), init.query)
    // Redacted lazily: only errors, logs and hooks need it, and the success path should not pay.
    let shownHref = href
    let shown: string | undefined
    const showUrl = (): string => (shown ??= redactUrl(shownHref, redact))
    let attempt = 1
    const callId = ++calls
    // Plain objects built on demand (error and hook paths only): accessor literals are slow to create.
    const info = (): RequestInfo => ({ method, url: showUrl(), operationId: init.operationId, attempts: attempt })
    const ctxOf = (): AttemptContext => ({ method, url: showUrl(), operationId: init.operationId, attempt, callId })
    const where = (): string => `${method} ${showUrl()}`
    // Client-wide `idempotencyKeys`: every POST/PATCH gets a key of its own, so it may be retried.
    const keyed = idempotencyKeyFor(method, init.idempotencyKey, options.idempotencyKeys)
    const { target, headers, body, replayable } = prepareRequest(href, options.headers, { ...init, idempotencyKey: keyed }, where)
    shownHref = href = target.href
    shown = undefined
    const policy = init.retry === undefined && replayable ? clientPolicy : resolveRetry(options.retry, init.retry, replayable)
    const timeout = init.timeout ?? options.timeout ?? DEFAULT_TIMEOUT
    // Injected timers keep the attempt timer here: a transport's own timer runs on the real clock.
    const attemptTimeout =
      !options.timers && ownsAttemptTimeout(options.fetch ?? globalThis.fetch)
        ? { ms: timeout, stream: init.responseType === 'stream' || init.responseType === 'sse' }
        : undefined
    const deadline = init.deadline ?? options.deadline
    const started = timers.now()
    const deadlineAt = deadline === undefined ? undefined : started + deadline
    const strategies = init.auth ?? clientAuth
    if (strategies.length > 0 && !cred) throw noCredentials()
    const withAuth = strategies.length > 0 && !!authOrigins?.has(target.origin)
    const budget = policy.budget === false ? undefined : budgetFor(target.origin, policy.budget)
    budget?.request(started)
    const hookSets = init.hooks ? [...clientHooks, init.hooks] : clientHooks
    const callerSignal = init.signal && options.signal ? [init.signal, options.signal] : (init.signal ?? options.signal)
    const call = callScope(callerSignal, deadline, timers)
    const callerReason = (): unknown => (init.signal?.aborted ? init.signal.reason : options.signal?.reason)
    let refreshed = false
    let replays = 0
    // A streamed body outlives send(): the caller's signal and the deadline must still reach it.
    let streaming: boolean | undefined

    try {
      for (; ; attempt++) {
        let sendHeaders = headers
        let sendUrl = href
        if (withAuth || options.hooks?.onRequest || init.hooks?.onRequest) sendHeaders = new Headers(headers)
        if (withAuth) {
          const sent = await cred!.apply(strategies, href, sendHeaders)
          // Messages show the URL as sent (API keys in the query included, redacted).
          if (sent !== href) {
            shownHref = sendUrl = sent
            shown = undefined
          }
        }
        for (const h of hookSets) await h.onRequest?.({ ...ctxOf(), headers: sendHeaders })

        const scope = attemptScope(call.signal, attemptTimeout ? 0 : timeout, timers)
        const t0 = timers.now()
        let failure: FailureKind
        let error: unknown
        let response: Response | undefined
        let stage: Stage = 'fetch'
        try {
          // fetch itself, looked up per call (msw, late polyfills, a network manager's fetch).
          const exchange = (u: string, m: string, h: Headers, b: BodyInit | undefined): Promise<Response> =>
            (options.fetch ?? globalThis.fetch)(u, {
              method: m,
              headers: h,
              body: b,
              signal: scope.signal,
              redirect: CAN_FOLLOW ? 'manual' : 'follow',
              // A stream body needs half duplex on Node's fetch (and Chromium's).
              ...(b instanceof ReadableStream && { duplex: 'half' }),
              // A transport that owns the attempt timeout (runtime/http/transport.ts) enforces it itself.
              ...(attemptTimeout && { attemptTimeout }),
            } as RequestInit)
          response = await exchange(sendUrl, method, sendHeaders, body)
          if (CAN_FOLLOW) response = await followRedirects(response, sendUrl, method, sendHeaders, body, exchange, headers, strippedOnRedirect)
          stage = 'other'
          for (const h of hookSets) await h.onResponse?.({ ...ctxOf(), response })

          const again = withAuth ? await cred!.refresh(strategies, response, sendHeaders, { withAuth, refreshed, replayable }) : undefined
          if (again !== undefined) {
            refreshed = true
            log('info', 'http.auth-refresh', () => `${where()} got 401; credentials refreshed, replaying once`, ctxOf, t0, response.status)
            if (again) {
              replays++ // counted as an attempt, but it does not use up a retry
              continue
            }
          }
          if (response.ok) {
            // The type is read once: it says both whether the body outlives the attempt timer and how to read it.
            const type = init.responseType ?? detectResponseType(response.headers.get('content-type'))
            streaming = isStreamed(type)
            if (streaming) scope.clearTimer()
            stage = 'body'
            const data = (await readBody(response, method, type, maxBody, features.sse)) as T
            if (emit) log('info', 'http.attempt', () => `${where()} → ${response!.status}`, ctxOf, t0, response.status)
            return { data, response, attempts: attempt }
          }
          stage = 'body'
          const errBody = await readErrorBody(response, maxErrorBody)
          error = createHttpError(httpInit(response, errBody))
          failure = 'status'
        } catch (thrown) {
          if (thrown instanceof RequestError) throw thrown
          ;({ error, failure } = classifyThrown({
            thrown,
            stage,
            timedOut: scope.timedOut,
            queued: scope.queued,
            stopped: call.stopped,
            info: info(),
            status: response?.status,
            timeout,
            deadline,
            callerReason: callerReason(),
            redact,
          }))
        } finally {
          if (!streaming) scope.dispose()
        }

        const now = timers.now()
        const decision = decide(policy, {
          attempt: attempt - replays,
          method,
          idempotent: init.idempotent,
          hasIdempotencyKey: headers.has('idempotency-key'),
          failure,
          status: response?.status,
          header: response ? (n) => response!.headers.get(n) : undefined,
          now,
          deadlineAt,
          random: timers.random,
          spendBudget: budget ? () => budget.tryRetry(now) : undefined,
        })
        const status = failure === 'status' ? response?.status : undefined
        if (!decision.retry) {
          if (decision.retryAt !== undefined && response) {
            error = new RateLimitedError({ ...httpInit(response, (error as HttpError).body), retryAt: new Date(decision.retryAt) })
          }
          if (decision.reason === BUDGET_OUT) amend(error, `; not retried: the retry budget of ${target.origin} is exhausted (retry.budget)`)
          log('error', 'http.attempt', () => `${where()} failed: ${errorSummary(error)} (${decision.reason})`, ctxOf, t0, status, error, {
            giveUp: decision.reason,
          })
          for (const h of hookSets) await h.onError?.({ ...ctxOf(), error })
          throw error
        }
        log(
          'warn',
          'http.attempt',
          () => `${where()} attempt ${attempt} failed: ${errorSummary(error)}; retrying in ${decision.delay} ms (${decision.reason}, ${decision.delaySource})`,
          ctxOf,
          t0,
          status,
          error,
          {
            retry: { reason: decision.reason, delay: decision.delay, delaySource: decision.delaySource },
          },
        )
        for (const h of hookSets) await h.onRetry?.({ ...ctxOf(), reason: decision.reason, delay: decision.delay, delaySource: decision.delaySource, error })
        try {
          await sleep(decision.delay, call.signal, timers)
        } catch {
          throw call.stopped === 'deadline' ? new TimeoutError(info(), 'deadline', deadline ?? 0) : new AbortError(info(), callerReason())
        }
      }
    } finally {
      if (!streaming) call.dispose()
    }

    function httpInit(response: Response, errBody: unknown) {
      const h = redactHeaders(response.headers, redact)
      return {
        ...info(),
        status: response.status,
        statusText: response.statusText,
        headers: h,
        body: errBody,
        requestId: requestIdOf(h),
        response,
      }
    }
  }

  const request = <T>(method: string, url: string, o: BodyOptions = {}): Promise<T> => send<T>({ ...o, method, url }).then((r) => r.data)
  const withBody =
    (method: string) =>
    <T>(url: string, body?: unknown, o: RequestOptions = {}): Promise<T> =>
      send<T>({ ...o, method, url, body }).then((r) => r.data)

  const client: HttpClient = {
    request,
    get: (url, o) => request('GET', url, o),
    delete: (url, o) => request('DELETE', url, o),
    head: (url, o) => request('HEAD', url, o),
    options: (url, o) => request('OPTIONS', url, o),
    post: withBody('POST'),
    put: withBody('PUT'),
    patch: withBody('PATCH'),
    send,
  }
  // Inspection and string conversion show no options: they hold credentials.
  const describeClient = (): string => `HttpClient(${options.name ?? (baseUrl ? redactUrl(baseUrl, redact) : 'no baseUrl')})`
  Object.defineProperty(client, 'toString', { value: describeClient })
  Object.defineProperty(client, Symbol.for('nodejs.util.inspect.custom'), { value: describeClient })
  return client
}
