import { Writable } from 'node:stream'
import { createConsola } from 'consola'
import pino from 'pino'
import { afterEach, describe, expect, it } from 'vitest'
import { createNetworkManager, httpClient, rateLimiting } from '../../../runtime/manager'
import { consolaLogger, instrumentOpenTelemetry, pinoLogger, SPAN_KIND_CLIENT, SPAN_STATUS_ERROR } from '../../../runtime/telemetry'
import { json, startServer, type TestServer } from '../../helpers/http-server'
import { recordingTracer } from './helpers'

const servers: TestServer[] = []
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => s.close()))
})

describe('OpenTelemetry hook', () => {
  it('emits one CLIENT span per attempt with the stable HTTP attributes, redacted', async () => {
    const server = await startServer((_req, res, n) => (n === 1 ? json(res, 503, {}) : json(res, 200, {})))
    servers.push(server)
    const tracer = recordingTracer()
    const manager = createNetworkManager({ defaults: { baseUrl: server.url, retry: { baseDelay: 1 } }, clients: { pets: httpClient() } })
    const stop = instrumentOpenTelemetry(manager, tracer)
    await manager.get('pets').get('/pets?api_key=s3cret&page=2')
    expect(tracer.spans).toHaveLength(2)
    const url = `${server.url}/pets?api_key=REDACTED&page=2`
    const common = {
      'http.request.method': 'GET',
      'url.full': url,
      'server.address': '127.0.0.1',
      'server.port': server.port,
      'codomyrmex.client': 'pets',
    }
    expect(tracer.spans[0]).toMatchObject({
      name: 'GET',
      kind: SPAN_KIND_CLIENT,
      ended: true,
      attributes: { ...common, 'http.response.status_code': 503, 'error.type': '503' },
      status: { code: SPAN_STATUS_ERROR },
    })
    expect(tracer.spans[0]!.attributes).not.toHaveProperty('http.request.resend_count')
    expect(tracer.spans[1]).toMatchObject({
      ended: true,
      attributes: { ...common, 'http.request.resend_count': 1, 'http.response.status_code': 200 },
      status: undefined,
    })
    expect(tracer.spans[1]!.attributes).not.toHaveProperty('error.type')
    expect(tracer.spans[1]!.endTime! >= tracer.spans[1]!.startTime!).toBe(true)
    expect(JSON.stringify(tracer.spans)).not.toContain('s3cret')
    stop()
    await manager.get('pets').get('/again')
    expect(tracer.spans).toHaveLength(2)
    await manager.closeAll()
  })

  it('records failures without a response, unknown methods, and drops the client name on request', async () => {
    const server = await startServer((_req, res) => json(res, 200, {}))
    const port = server.port
    await server.close() // connection refused from now on
    const tracer = recordingTracer()
    const manager = createNetworkManager({ defaults: { baseUrl: `http://user:pw@127.0.0.1:${port}`, retry: false }, clients: { a: httpClient() } })
    instrumentOpenTelemetry(manager, tracer, { clientName: false })
    await expect(manager.get('a').request('PURGE', '/cache')).rejects.toThrow()
    expect(tracer.spans).toHaveLength(1)
    const span = tracer.spans[0]!
    expect(span.name).toBe('HTTP')
    expect(span.attributes).toMatchObject({
      'http.request.method': '_OTHER',
      'http.request.method_original': 'PURGE',
      'error.type': 'network',
      'server.port': port,
    })
    expect(span.attributes['url.full']).not.toContain('pw')
    expect(span.attributes).not.toHaveProperty('codomyrmex.client')
    expect(span.attributes).not.toHaveProperty('http.response.status_code')
    expect(span.status).toEqual({ code: SPAN_STATUS_ERROR, message: 'network' })
    await manager.closeAll()
  })
})

function sink(): { stream: Writable; lines: string[] } {
  const lines: string[] = []
  const stream = new Writable({
    write(chunk, _enc, done) {
      lines.push(...String(chunk).split('\n').filter(Boolean))
      done()
    },
  })
  return { stream, lines }
}

describe('logger adapters', () => {
  it('pino: one JSON line per event, fields merged, message as msg, secrets redacted', async () => {
    const server = await startServer((_req, res) => json(res, 200, {}))
    servers.push(server)
    const { stream, lines } = sink()
    const logger = pino({ level: 'debug' }, stream)
    const manager = createNetworkManager({ defaults: { baseUrl: server.url, logger: pinoLogger(logger) }, clients: { a: httpClient() } })
    await manager.get('a').get('/x?token=abc')
    await manager.closeAll()
    await new Promise((r) => setImmediate(r))
    const records = lines.map((l) => JSON.parse(l) as Record<string, unknown>)
    const attempt = records.find((r) => r.event === 'http.attempt')
    expect(attempt).toMatchObject({ level: 30, msg: expect.stringContaining('GET') })
    expect(JSON.stringify(attempt)).toContain('token=REDACTED')
    expect(lines.join('\n')).not.toContain('abc')
    expect(records.find((r) => r.event === 'manager.close')).toMatchObject({ msg: 'network manager closed', level: 30 })
  })

  it('consola: the message first, the fields as data, at the matching level', async () => {
    const seen: { type: string; args: unknown[] }[] = []
    const consola = createConsola({ level: 5, reporters: [{ log: (entry) => void seen.push({ type: entry.type, args: entry.args }) }] })
    const logger = consolaLogger(consola)
    logger.warn({ level: 'warn', event: 'manager.breaker', message: 'circuit open', 'server.origin': 'https://a.example' })
    logger.debug({ level: 'debug', event: 'x', message: 'quiet' })
    logger.info({ level: 'info', event: 'y', message: 'hello' })
    logger.error({ level: 'error', event: 'z', message: 'bad' })
    expect(seen.map((s) => s.type)).toEqual(['warn', 'debug', 'info', 'error'])
    expect(seen[0]!.args).toEqual(['circuit open', { event: 'manager.breaker', 'server.origin': 'https://a.example' }])
  })

  it('the manager logs breaker changes and rate-limit pauses through the shared logger', async () => {
    const server = await startServer((_req, res) => json(res, 429, {}, { 'retry-after-ms': '60000' }))
    servers.push(server)
    const { stream, lines } = sink()
    const manager = createNetworkManager({
      defaults: { baseUrl: server.url, retry: false, logger: pinoLogger(pino({ level: 'info' }, stream)) },
      features: [rateLimiting],
      policy: { rateLimit: {}, breaker: { minimumThroughput: 1 } },
      clients: { a: httpClient() },
    })
    await expect(manager.get('a').get('/')).rejects.toThrow()
    await manager.closeAll()
    await new Promise((r) => setImmediate(r))
    const records = lines.map((l) => JSON.parse(l) as Record<string, unknown>)
    expect(records.find((r) => r.event === 'manager.breaker')).toMatchObject({ level: 40, from: 'closed', to: 'open', 'server.origin': server.url })
    expect(records.find((r) => r.event === 'manager.rate-limit')).toMatchObject({
      'http.response.status_code': 429,
      msg: expect.stringContaining('paused until'),
    })
  })
})
