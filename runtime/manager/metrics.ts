import { createSketch, type QuantileSketch } from './sketch'

export interface LatencySummary {
  count: number
  /** Milliseconds, within 1 % of a recorded value; undefined before the first attempt ends. */
  p50?: number
  p95?: number
  p99?: number
  max?: number
}

export interface TrafficMetrics {
  /** Attempts sent (every resend counts). */
  requests: number
  /** Attempts that were resends of an earlier one (`http.request.resend_count` > 0). */
  retries: number
  /** Failed attempts by class: `network`, `timeout`, `abort`, `closed`, `circuit_open`, or the status code. */
  errors: Record<string, number>
  latency: LatencySummary
}

interface Counter {
  requests: number
  retries: number
  errors: Record<string, number>
  sketch: QuantileSketch
}

const newCounter = (): Counter => ({ requests: 0, retries: 0, errors: {}, sketch: createSketch() })

function summary(c: Counter): TrafficMetrics {
  const s = c.sketch
  const latency: LatencySummary = { count: s.count }
  if (s.count > 0) {
    latency.p50 = s.quantile(0.5)
    latency.p95 = s.quantile(0.95)
    latency.p99 = s.quantile(0.99)
    latency.max = s.max
  }
  return { requests: c.requests, retries: c.retries, errors: { ...c.errors }, latency }
}

/**
 * Counters per client and per origin. The manager's fetch calls it directly rather than through
 * the event hub, so an attempt with no observer allocates no event objects.
 */
export interface MetricsRecorder {
  start(client: string, origin: string, resendCount: number): void
  end(client: string, origin: string, duration: number, errorType: string | undefined): void
  /** A request refused before it was sent (breaker open, manager closed). */
  refused(client: string, origin: string, errorType: string): void
  clients(): Record<string, TrafficMetrics>
  origins(): Record<string, TrafficMetrics>
  forgetOrigin(origin: string): void
}

export function createMetricsRecorder(): MetricsRecorder {
  const byClient = new Map<string, Counter>()
  const byOrigin = new Map<string, Counter>()
  const get = (map: Map<string, Counter>, key: string): Counter => {
    let c = map.get(key)
    if (!c) map.set(key, (c = newCounter()))
    return c
  }
  const fold = (map: Map<string, Counter>): Record<string, TrafficMetrics> => Object.fromEntries([...map].map(([k, c]) => [k, summary(c)]))
  const count = (c: Counter, errorType: string): void => {
    c.errors[errorType] = (c.errors[errorType] ?? 0) + 1
  }

  return {
    start(client, origin, resendCount) {
      const a = get(byClient, client)
      const b = get(byOrigin, origin)
      a.requests++
      b.requests++
      if (resendCount > 0) {
        a.retries++
        b.retries++
      }
    },
    end(client, origin, duration, errorType) {
      const a = get(byClient, client)
      const b = get(byOrigin, origin)
      a.sketch.add(duration)
      b.sketch.add(duration)
      if (errorType !== undefined) {
        count(a, errorType)
        count(b, errorType)
      }
    },
    refused(client, origin, errorType) {
      count(get(byClient, client), errorType)
      count(get(byOrigin, origin), errorType)
    },
    clients: () => fold(byClient),
    origins: () => fold(byOrigin),
    forgetOrigin: (origin) => void byOrigin.delete(origin),
  }
}
