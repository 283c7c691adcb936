import type { ManagerEvent } from './events'
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
  /** Attempts that were resends of an earlier one, plus retries the client reported. */
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

/** Folds the manager's events into counters per client and per origin. */
export interface MetricsRecorder {
  record(event: ManagerEvent): void
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
  const both = (client: string, origin: string): Counter[] => [get(byClient, client), get(byOrigin, origin)]
  const fold = (map: Map<string, Counter>): Record<string, TrafficMetrics> =>
    Object.fromEntries([...map].map(([k, c]) => [k, summary(c)]))

  return {
    record(event) {
      switch (event.type) {
        case 'attempt:start':
          for (const c of both(event.client, event.origin)) {
            c.requests++
            if (event.resendCount > 0) c.retries++
          }
          break
        case 'attempt:end':
          for (const c of both(event.client, event.origin)) {
            if (event.errorType !== undefined) c.errors[event.errorType] = (c.errors[event.errorType] ?? 0) + 1
            c.sketch.add(event.duration)
          }
          break
        case 'rejected': {
          const key = event.reason === 'circuit-open' ? 'circuit_open' : 'closed'
          for (const c of both(event.client, event.origin)) c.errors[key] = (c.errors[key] ?? 0) + 1
          break
        }
      }
    },
    clients: () => fold(byClient),
    origins: () => fold(byOrigin),
    forgetOrigin: (origin) => void byOrigin.delete(origin),
  }
}
