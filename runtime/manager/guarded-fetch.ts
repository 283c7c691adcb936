import { redactUrl, type RedactOptions } from '../log/redact'
import { takeAttempt } from './attempt-header'
import { abortedByClose, CircuitOpenError, ManagerClosedError, StoreUnavailableError } from './errors'
import type { EventHub } from './events'
import type { InflightEntry, InflightSet } from './inflight'
import type { MetricsRecorder } from './metrics'
import type { OriginState } from './origin-state'
import { errorClass, healthOf } from './outcome'
import { follower, sleep } from './signals'
import { TimeoutError } from '../errors/transport-errors'
import { holdAttemptClock, trackAttemptClocks } from '../http/scope'
import { OWNS_ATTEMPT_TIMEOUT, ownsAttemptTimeout } from '../http/transport'

export type FetchFn = typeof globalThis.fetch

export interface GuardContext {
  client: string
  origins: { get(origin: string): OriginState }
  hub: EventHub
  metrics: MetricsRecorder
  /** Aborted by `closeAll()`. */
  closed: AbortSignal
  /** Requests that `closeAll()` must abort, until their body is read. */
  inflight: InflightSet
  nextId: () => number
  now: () => number
  /** The user's fetch, if any; otherwise `globalThis.fetch`, looked up at call time (msw). */
  fetch?: FetchFn
  /**
   * Every call's signal already follows closeAll() (the manager's HTTP kinds give each call one),
   * so the guard needs no controller of its own for calls that carry a signal.
   */
  followsClose?: boolean
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
  trackAttemptClocks()
  const guarded = async (input: Parameters<FetchFn>[0], rawInit?: RequestInit): Promise<Response> => {
    const { attempt = 1, init } = takeAttempt(rawInit)
    const fetchImpl = ctx.fetch ?? globalThis.fetch
    const rawUrl = urlOf(input)
    const origin = originOf(rawUrl)
    const method = (init?.method ?? (input instanceof Request ? input.method : 'GET')).toUpperCase()
    const { client, hub } = ctx
    if (ctx.closed.aborted) {
      ctx.metrics.refused(client, origin ?? '', 'closed')
      hub.emit({ type: 'rejected', client, origin: origin ?? '', reason: 'closed' })
      throw new ManagerClosedError(client, `${method} ${redactUrl(rawUrl, ctx.redact)}: request made after closeAll()`)
    }
    if (origin === undefined) return fetchImpl(input, init)
    const state = ctx.origins.get(origin)
    // Redacting costs a little; done only when an event, error or log needs the URL.
    let shown: string | undefined
    const url = (): string => (shown ??= redactUrl(rawUrl, ctx.redact))
    const reject = (retryAt: number): never => {
      ctx.metrics.refused(client, origin, 'circuit_open')
      hub.emit({ type: 'rejected', client, origin, reason: 'circuit-open', retryAt })
      throw new CircuitOpenError(origin, retryAt)
    }
    if (state.breaker?.state() === 'open') reject(state.breaker.retryAt())

    // A signal that closeAll() aborts: the caller's when it already follows the close, else one
    // controller per attempt (each costs a few µs on Node), aborted through `inflight`, with the
    // caller's abort forwarded by a listener removed when the entry goes.
    const callerSignal = init?.signal ?? undefined
    let entry: InflightEntry | undefined
    let signal: AbortSignal
    if (ctx.followsClose && callerSignal) signal = callerSignal
    else {
      const { controller, unlink } = follower(callerSignal)
      entry = { controller, client, method, url, unlink }
      ctx.inflight.add(entry)
      signal = controller.signal
    }
    // fetch rejects with the signal's reason: the caller's own, or closeAll()'s, reported as an
    // error naming the request.
    const reason = (error: unknown): unknown => {
      if (!signal.aborted) return error
      const why: unknown = signal.reason
      return why === ctx.closed.reason ? abortedByClose(client, method, url()) : why
    }
    let release: (() => void) | undefined
    let probe = false
    // The wait for a slot is not part of the attempt's timeout; queueTimeout bounds it instead.
    holdAttemptClock(callerSignal, true)
    let waitSignal = signal
    let endWait: (() => void) | undefined
    const limit = state.queueTimeout
    if (limit !== undefined) {
      const { controller: waiting, unlink } = follower(signal)
      const timer = setTimeout(() => waiting.abort(new TimeoutError({ method, url: url() }, 'queue', limit)), limit)
      waitSignal = waiting.signal
      endWait = () => {
        clearTimeout(timer)
        unlink?.()
      }
    }
    try {
      if (state.bucket) {
        const reserved = state.bucket.reserve()
        // A shared store answers with a promise; the in-process bucket with a number, not awaited.
        const wait = typeof reserved === 'number' ? reserved : await reserved
        if (wait > 0) {
          if (hub.listening) hub.emit({ type: 'wait', client, origin, reason: 'rate-limit', ms: wait })
          await sleep(wait, waitSignal)
        }
      }
      const queuedBefore = state.limiter.queued
      const slot = state.limiter.acquire(client, waitSignal)
      if (hub.listening && state.limiter.queued > queuedBefore) hub.emit({ type: 'wait', client, origin, reason: 'concurrency' })
      release = await slot
      if (state.breaker) {
        const asked = state.breaker.acquire()
        const permit = 'allowed' in asked ? asked : await asked
        if (!permit.allowed) reject(permit.retryAt)
        else probe = permit.probe
      }
    } catch (error) {
      release?.()
      if (entry) ctx.inflight.delete(entry)
      const thrown = reason(error)
      if (thrown instanceof ManagerClosedError) {
        ctx.metrics.refused(client, origin, 'closed')
        hub.emit({ type: 'rejected', client, origin, reason: 'closed' })
      } else if (thrown instanceof StoreUnavailableError) ctx.metrics.refused(client, origin, 'store_unavailable')
      throw thrown
    } finally {
      endWait?.()
    }
    // Left held on failure, so a deadline error can say the call was still queued.
    holdAttemptClock(callerSignal, false)

    const id = ctx.nextId()
    const resendCount = attempt > 1 ? attempt - 1 : 0
    const started = ctx.now()
    ctx.metrics.start(client, origin, resendCount)
    if (hub.listening) hub.emit({ type: 'attempt:start', id, client, origin, method, url: url(), resendCount, time: started })
    const finish = (t: number, status: number | undefined, errorType: string | undefined, error?: unknown): void => {
      ctx.metrics.end(client, origin, t - started, errorType)
      if (hub.listening) {
        hub.emit({ type: 'attempt:end', id, client, origin, method, url: url(), resendCount, time: t, duration: t - started, status, errorType, error })
      }
    }
    try {
      const response = await fetchImpl(input, entry ? { ...init, signal } : init)
      const t = ctx.now()
      const cls = errorClass({ status: response.status })
      state.breaker?.record(healthOf(cls), probe)
      state.learn?.(response, t)
      finish(t, response.status, cls)
      if (entry) ctx.inflight.settle(entry, response.body)
      return response
    } catch (thrown) {
      const error = reason(thrown)
      if (entry) ctx.inflight.delete(entry)
      const cls = errorClass({ error })
      state.breaker?.record(healthOf(cls), probe)
      finish(ctx.now(), undefined, cls, error)
      throw error
    } finally {
      release?.()
    }
  }
  // A transport that owns the attempt timeout (the Node transport) still does behind the guard.
  Object.defineProperty(guarded, OWNS_ATTEMPT_TIMEOUT, { get: () => ownsAttemptTimeout(ctx.fetch ?? globalThis.fetch) })
  return guarded as FetchFn
}
