import { createNetworkManager, httpClient, instrumentOpenTelemetry, type TracerLike } from '@codomyrmex/networking/runtime'

// With @opentelemetry/api installed: `instrumentOpenTelemetry(manager, trace.getTracer('my-app'))`.
// Any object with `startSpan` works; this one keeps spans in memory.
function memoryTracer(spans: Array<{ name: string; attributes: Record<string, unknown> }>): TracerLike {
  return {
    startSpan(name, options) {
      const span = { name, attributes: { ...options?.attributes } }
      spans.push(span)
      return {
        setAttribute: (key, value) => (span.attributes[key] = value),
        setStatus: () => undefined,
        end: () => undefined,
      }
    },
  }
}

export async function main(baseUrl: string) {
  const spans: Array<{ name: string; attributes: Record<string, unknown> }> = []
  const manager = createNetworkManager({ clients: { api: httpClient({ baseUrl }) } })
  const stop = instrumentOpenTelemetry(manager, memoryTracer(spans)) // one CLIENT span per attempt
  await manager.get('api').get('/pets')
  stop()
  await manager.closeAll()
  return spans // attributes: http.request.method, url.full (redacted), server.address, server.port, http.response.status_code, ...
}
