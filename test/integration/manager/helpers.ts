import type { SpanLike, TracerLike } from '../../../runtime/telemetry'

/** An in-memory OpenTelemetry tracer: records what the hook starts, sets and ends. */
export interface RecordedSpan {
  name: string
  kind: number | undefined
  attributes: Record<string, unknown>
  status: { code: number; message?: string } | undefined
  startTime: number | undefined
  endTime: number | undefined
  ended: boolean
}

export function recordingTracer(): TracerLike & { spans: RecordedSpan[] } {
  const spans: RecordedSpan[] = []
  return {
    spans,
    startSpan(name, options) {
      const span: RecordedSpan = {
        name,
        kind: options?.kind,
        attributes: { ...options?.attributes },
        status: undefined,
        startTime: options?.startTime,
        endTime: undefined,
        ended: false,
      }
      spans.push(span)
      const handle: SpanLike = {
        setAttribute(key, value) {
          span.attributes[key] = value
          return handle
        },
        setStatus(status) {
          span.status = status
          return handle
        },
        end(endTime) {
          span.ended = true
          span.endTime = endTime
        },
      }
      return handle
    },
  }
}

/** Resolves once `check` is true, polling every few ms; fails after `ms`. */
export async function until(check: () => boolean, ms = 2_000): Promise<void> {
  const end = Date.now() + ms
  while (!check()) {
    if (Date.now() > end) throw new Error('condition not met in time')
    await new Promise((r) => setTimeout(r, 5))
  }
}
