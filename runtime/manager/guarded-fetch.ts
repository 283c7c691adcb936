import { redactUrl, type RedactOptions } from '../log/redact'
import { takeAttempt } from './attempt-header'
import { CircuitOpenError, ManagerClosedError } from './errors'
import type { EventHub } from './events'
import type { OriginState } from './origin-state'
import { errorClass, isOriginFailure } from './outcome'
import { adviseRate } from './rate-advice'
import { parseRateLimit } from './rate-limit-headers'
import { linkSignals, sleep } from './signals'
import { trackResponse } from './tracked-response'

export type FetchFn = typeof globalThis.fetch

export interface GuardContext {
  client: string
  origins: { get(origin: string): OriginState }
  hub: EventHub
  /** Aborted by `closeAll()`. */
  closed: AbortSignal
  /** Requests that `closeAll()` must abort, until their body is read. */
  inflight: Set<AbortController>
  nextId: () => number
  now: () => number
  /** The user's fetch, if any; otherwise `globalThis.fetch`, looked up at call time (msw). */
  fetch?: FetchFn
  redact?: RedactOptions
}

function urlOf(input: Parameters<FetchFn>[0]): string {
  if (typeof input === 'string') return input
  if (input instanceof URL) return input.href
  return input.url
}

function originOf(url: string): string | undefined {
  try {
    const base = (globalThis as { location?: { href?: string } }).location?.href
    return new URL(url, base).origin
  } catch {
    return undefined
  }
}

/**
 * The `fetch` a managed client uses. Every attempt of every request passes here, so this is where
 * the origin's limits act, in this order: fail fast if the breaker is open, wait for a rate-limit
 * token, wait for a concurrency slot, take the breaker's permit, send; then learn from the
 * response (rate-limit headers, breaker verdict) and report the attempt.
 */
export function createGuardedFetch(ctx: GuardContext): FetchFn {
  const guarded = async (input: Parameters<FetchFn>[0], rawInit?: RequestInit): Promise<Response> => {
    const { attempt = 1, init } = takeAttempt(rawInit)
    const fetchImpl = ctx.fetch ?? globalThis.fetch
    const rawUrl = urlOf(input)
    const origin = originOf(rawUrl)
    const method = (init?.method ?? (input instanceof Request ? input.method : 'GET')).toUpperCase()
    const { client, hub } = ctx
    if (ctx.closed.aborted) {
      hub.emit({ type: 'rejected', client, origin: origin ?? '', reason: 'closed' })
      throw new ManagerClosedError(client, `${method} ${redactUrl(rawUrl, ctx.redact)}: request made after closeAll()`)
    }
    if (origin === undefined) return fetchImpl(input, init)
    const state = ctx.origins.get(origin)
    const url = redactUrl(rawUrl, ctx.redact)
    const reject = (retryAt: number): never => {
      hub.emit({ type: 'rejected', client, origin, reason: 'circuit-open', retryAt })
      throw new CircuitOpenError(origin, retryAt)
    }
    if (state.breaker?.state() === 'open') reject(state.breaker.retryAt())

    const controller = new AbortController()
    const link = linkSignals(ctx.closed, init?.signal)
    const onAbort = (): void => controller.abort(link.signal.reason)
    link.signal.addEventListener('abort', onAbort, { once: true })
    if (link.signal.aborted) onAbort()
    ctx.inflight.add(controller)
    let tracked = false
    const end = (): void => {
      ctx.inflight.delete(controller)
      link.signal.removeEventListener('abort', onAbort)
      link.unlink()
    }
    // fetch rejects with the signal's reason; the manager's close is reported as such, naming the request.
    const reason = (error: unknown, where = ''): unknown => {
      if (!controller.signal.aborted) return error
      if (ctx.closed.aborted && controller.signal.reason === ctx.closed.reason) {
        return new ManagerClosedError(client, `${method} ${url}: aborted by closeAll()${where}`, { cause: error })
      }
      return controller.signal.reason
    }
    let release: (() => void) | undefined
    let probe = false
    try {
      if (state.bucket) {
        const wait = state.bucket.reserve()
        if (wait > 0) {
          hub.emit({ type: 'wait', client, origin, reason: 'rate-limit', ms: wait })
          await sleep(wait, controller.signal)
        }
      }
      const queuedBefore = state.limiter.queued
      const slot = state.limiter.acquire(client, controller.signal)
      if (state.limiter.queued > queuedBefore) hub.emit({ type: 'wait', client, origin, reason: 'concurrency' })
      release = await slot
      if (state.breaker) {
        const permit = state.breaker.acquire()
        if (!permit.allowed) reject(permit.retryAt)
        else probe = permit.probe
      }
    } catch (error) {
      release?.()
      end()
      const thrown = reason(error)
      if (thrown instanceof ManagerClosedError) hub.emit({ type: 'rejected', client, origin, reason: 'closed' })
      throw thrown
    }

    const id = ctx.nextId()
    const base = { id, client, origin, method, url, resendCount: Math.max(0, attempt - 1) }
    const started = ctx.now()
    hub.emit({ type: 'attempt:start', ...base, time: started })
    try {
      const response = await fetchImpl(input, { ...init, signal: controller.signal })
      const t = ctx.now()
      const outcome = { status: response.status }
      state.breaker?.record(verdict(outcome), probe)
      if (state.bucket) learn(state, response, t, hub)
      hub.emit({ type: 'attempt:end', ...base, time: t, duration: t - started, status: response.status, errorType: errorClass(outcome) })
      tracked = true
      return trackResponse(response, end, (error) => (ctx.closed.aborted ? reason(error, ' while reading the body') : error))
    } catch (thrown) {
      const t = ctx.now()
      const error = reason(thrown)
      state.breaker?.record(verdict({ error }), probe)
      hub.emit({ type: 'attempt:end', ...base, time: t, duration: t - started, errorType: errorClass({ error }), error })
      throw error
    } finally {
      release?.()
      if (!tracked) end()
    }
  }
  return guarded as FetchFn
}

/** The breaker's view of an attempt: healthy (true), failed (false), or no verdict (null). */
function verdict(outcome: Parameters<typeof isOriginFailure>[0]): boolean | null {
  const failure = isOriginFailure(outcome)
  return failure === null ? null : !failure
}

function learn(state: OriginState, response: Response, now: number, hub: EventHub): void {
  const bucket = state.bucket
  if (!bucket) return
  const advice = adviseRate(response.status, parseRateLimit(response.headers, now), now, state.advice)
  if (advice.penalize) bucket.penalize()
  else if (advice.reward) bucket.reward()
  if (advice.cap) bucket.cap(advice.cap.remaining, advice.cap.until)
  if (advice.pauseUntil !== undefined) bucket.pause(advice.pauseUntil)
  if (advice.penalize || advice.cap || advice.pauseUntil !== undefined) {
    const s = bucket.snapshot()
    hub.emit({ type: 'rate-limit', origin: state.origin, rate: s.rate, pausedUntil: s.pausedUntil, status: response.status })
  }
}
