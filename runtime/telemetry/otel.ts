import type { ManagerEvent, ManagerListener } from '../manager/events'

/**
 * OpenTelemetry tracing without a dependency on `@opentelemetry/api`: pass any tracer with
 * `startSpan` (the real one fits). One CLIENT span per attempt, every resend included, named after
 * the method, with the stable HTTP client semantic-convention attributes
 * (open-telemetry/semantic-conventions, docs/http/http-spans.md).
 */

export type AttributeValue = string | number | boolean

export interface SpanLike {
  setAttribute(key: string, value: AttributeValue): unknown
  setStatus(status: { code: number; message?: string }): unknown
  end(endTime?: number): unknown
}

export interface TracerLike {
  startSpan(name: string, options?: { kind?: number; attributes?: Record<string, AttributeValue>; startTime?: number }): SpanLike
}

/** `SpanKind.CLIENT` and `SpanStatusCode.ERROR` of `@opentelemetry/api`. */
export const SPAN_KIND_CLIENT = 2
export const SPAN_STATUS_ERROR = 2

export interface OpenTelemetryOptions {
  /** Also set `codomyrmex.client` (the manager's client name) on every span. @default true */
  clientName?: boolean
}

const KNOWN_METHODS = new Set(['GET', 'HEAD', 'POST', 'PUT', 'DELETE', 'CONNECT', 'OPTIONS', 'TRACE', 'PATCH', 'QUERY'])
const DEFAULT_PORTS: Record<string, number> = { 'http:': 80, 'https:': 443, 'ws:': 80, 'wss:': 443 }

/** The attributes known when an attempt starts. `url` must already be redacted. */
export function startAttributes(method: string, url: string, resendCount: number): Record<string, AttributeValue> {
  const attributes: Record<string, AttributeValue> = {}
  if (KNOWN_METHODS.has(method)) attributes['http.request.method'] = method
  else {
    attributes['http.request.method'] = '_OTHER'
    attributes['http.request.method_original'] = method
  }
  attributes['url.full'] = url
  try {
    const parsed = new URL(url)
    attributes['server.address'] = parsed.hostname.replace(/^\[|\]$/g, '')
    const port = parsed.port ? Number(parsed.port) : DEFAULT_PORTS[parsed.protocol]
    if (port !== undefined) attributes['server.port'] = port
  } catch {
    // A relative URL (browser): the address is the page's, which the span need not repeat.
  }
  // Required on resends only; absent on first attempts, as in the spec's examples.
  if (resendCount > 0) attributes['http.request.resend_count'] = resendCount
  return attributes
}

/**
 * Starts recording spans for every attempt the source (a network manager) reports; returns the
 * function that stops. `manager.subscribe` delivers the events synchronously, so span times are
 * the attempts' own.
 */
export function instrumentOpenTelemetry(
  source: { subscribe(listener: ManagerListener): () => void },
  tracer: TracerLike,
  options: OpenTelemetryOptions = {},
): () => void {
  const open = new Map<number, SpanLike>()
  const listener = (event: ManagerEvent): void => {
    if (event.type === 'attempt:start') {
      const attributes = startAttributes(event.method, event.url, event.resendCount)
      if (options.clientName !== false) attributes['codomyrmex.client'] = event.client
      const name = attributes['http.request.method'] === '_OTHER' ? 'HTTP' : event.method
      open.set(event.id, tracer.startSpan(name, { kind: SPAN_KIND_CLIENT, attributes, startTime: event.time }))
    } else if (event.type === 'attempt:end') {
      const span = open.get(event.id)
      if (!span) return
      open.delete(event.id)
      if (event.status !== undefined) span.setAttribute('http.response.status_code', event.status)
      if (event.errorType !== undefined) {
        // For client spans every 4xx and 5xx is an error; so is an attempt without a response.
        span.setAttribute('error.type', event.errorType)
        span.setStatus({ code: SPAN_STATUS_ERROR, ...(event.status === undefined ? { message: event.errorType } : {}) })
      }
      span.end(event.time)
    }
  }
  const unsubscribe = source.subscribe(listener)
  return () => {
    unsubscribe()
    open.clear()
  }
}
