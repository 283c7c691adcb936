import { afterEach, describe, expect, test } from 'vitest'
import { createHttpClient, RateLimitedError, ServerError, TooManyRequestsError } from '../../../runtime/index'
import { startServer, type TestServer } from '../../helpers/http-server'
import { instantTimers } from '../../helpers/instant-timers'
import { lagFreeTimers } from '../../helpers/lag-free-timers'

let server: TestServer | undefined
afterEach(async () => {
  await server?.close()
  server = undefined
})

const noBudget = { baseDelay: 1, maxDelay: 5, budget: false as const }

describe('429/503 storms and Retry-After', () => {
  // On an injected clock (timers): the waits are exact and cost no real time.
  const clock0 = 1_700_000_000_000
  const forms: [string, Record<string, string>, number, 'retry-after' | 'backoff'][] = [
    // [label, headers, wait, what chose it]
    ['delta-seconds', { 'retry-after': '1' }, 1000, 'retry-after'],
    ['retry-after-ms', { 'retry-after-ms': '120' }, 120, 'retry-after'],
    ['HTTP-date', { 'retry-after': new Date(clock0 + 7000).toUTCString() }, 7000, 'retry-after'],
    ['a date in the past', { 'retry-after': 'Sun, 06 Nov 1994 08:49:37 GMT' }, 0, 'retry-after'],
    // Full jitter: random 0.5 of the first ceiling, min(maxDelay 1000, baseDelay 400).
    ['garbage (falls back to backoff)', { 'retry-after': 'soon-ish' }, 200, 'backoff'],
  ]
  test.each(forms)('429 with %s is waited for, then succeeds', async (_label, headers, wait, source) => {
    server = await startServer((_req, res, n) => {
      if (n === 1) res.writeHead(429, headers).end()
      else res.writeHead(200, { 'content-type': 'application/json' }).end('{"ok":1}')
    })
    const clock = instantTimers(clock0)
    const retries: [number, string][] = []
    const client = createHttpClient({
      baseUrl: server.url,
      timeout: 0,
      timers: clock.timers,
      retry: { baseDelay: 400, maxDelay: 1000, budget: false },
      hooks: { onRetry: (c) => void retries.push([c.delay, c.delaySource]) },
    })
    const t0 = Date.now()
    expect(await client.get('/')).toEqual({ ok: 1 })
    expect(retries).toEqual([[wait, source]])
    expect(clock.waits).toEqual(wait > 0 ? [wait] : [])
    expect(clock.elapsed()).toBe(wait)
    expect(Date.now() - t0).toBeLessThan(Math.max(wait, 500)) // no real waiting (a 7 s wait above)
  })

  test('Retry-After longer than the deadline fails at once with RateLimitedError.retryAt', async () => {
    server = await startServer((_req, res) => res.writeHead(503, { 'retry-after': '3600', 'content-type': 'application/json' }).end('{"error":"maintenance"}'))
    // The clock moves by the client's timer delays only: "at once" is "no timer had to run".
    const clock = lagFreeTimers()
    const client = createHttpClient({ baseUrl: server.url, deadline: 5000, timers: clock.timers, retry: noBudget })
    const t0 = clock.now()
    const error = (await client.get('/').catch((e: unknown) => e)) as RateLimitedError
    expect(clock.fired()).toEqual([])
    expect(clock.now() - t0).toBe(0)
    expect(error).toBeInstanceOf(RateLimitedError)
    expect(error.code).toBe('ERR_RATE_LIMITED')
    expect(error.status).toBe(503)
    expect(error.body).toEqual({ error: 'maintenance' })
    expect(error.retryAt.getTime()).toBeGreaterThan(clock.now() + 3_500_000)
    expect(server.requests).toHaveLength(1)
  })

  test('Retry-After above maxRetryAfter (no deadline) also fails fast instead of sleeping', async () => {
    server = await startServer((_req, res) => res.writeHead(429, { 'retry-after': '120' }).end())
    const client = createHttpClient({ baseUrl: server.url, retry: { ...noBudget, maxRetryAfter: 1000 } })
    await expect(client.get('/')).rejects.toBeInstanceOf(RateLimitedError)
    expect(server.requests).toHaveLength(1)
  })

  test('a 429 storm ends after the retry limit with TooManyRequestsError', async () => {
    server = await startServer((_req, res) => res.writeHead(429, { 'retry-after': '0' }).end())
    const client = createHttpClient({ baseUrl: server.url, retry: { ...noBudget, limit: 3 } })
    const error = (await client.get('/').catch((e: unknown) => e)) as TooManyRequestsError
    expect(error).toBeInstanceOf(TooManyRequestsError)
    expect(error.attempts).toBe(4)
    expect(server.requests).toHaveLength(4)
  })

  test('x-should-retry: false vetoes a retry; true forces one on a status not in the list', async () => {
    server = await startServer((req, res, n) => {
      if (req.url === '/veto') return res.writeHead(503, { 'x-should-retry': 'false' }).end()
      if (n === 2) return res.writeHead(400, { 'x-should-retry': 'true' }).end()
      res.writeHead(200).end('done')
    })
    const client = createHttpClient({ baseUrl: server.url, retry: noBudget })
    await expect(client.get('/veto')).rejects.toBeInstanceOf(ServerError)
    expect(await client.get('/forced')).toBe('done')
    expect(server.requests.map((r) => r.url)).toEqual(['/veto', '/forced', '/forced'])
  })
})

describe('idempotency', () => {
  test('POST is not retried on 503; with idempotencyKey it is, with the same key every attempt', async () => {
    server = await startServer((_req, res, n) => (n < 3 ? res.writeHead(503).end() : res.writeHead(201).end('made')))
    const client = createHttpClient({ baseUrl: server.url, retry: noBudget })
    await expect(client.post('/orders', { a: 1 })).rejects.toBeInstanceOf(ServerError)
    expect(server.requests).toHaveLength(1)
    expect(await client.post('/orders', { a: 1 }, { idempotencyKey: true })).toBe('made')
    const keys = server.requests.slice(1).map((r) => r.headers['idempotency-key'])
    expect(keys).toHaveLength(2)
    expect(keys[0]).toMatch(/^[0-9a-f-]{32,36}$/)
    expect(keys[1]).toBe(keys[0])
  })

  test('client-wide idempotencyKeys: each POST gets its own key, reused across its attempts; GET gets none', async () => {
    server = await startServer((req, res, n) => (n === 1 || n === 3 ? res.writeHead(503).end() : res.writeHead(200).end(req.method)))
    const client = createHttpClient({ baseUrl: server.url, retry: noBudget, idempotencyKeys: true })
    expect(await client.post('/a', {})).toBe('POST')
    expect(await client.post('/b', {})).toBe('POST')
    expect(await client.get('/c')).toBe('GET')
    const keys = server.requests.map((r) => r.headers['idempotency-key'])
    expect(keys[0]).toBe(keys[1])
    expect(keys[2]).toBe(keys[3])
    expect(keys[2]).not.toBe(keys[0])
    expect(keys[4]).toBeUndefined()
  })

  test('PATCH marked idempotent is retried; the caller can turn retries off', async () => {
    server = await startServer((_req, res, n) => (n % 2 === 1 ? res.writeHead(502).end() : res.writeHead(200).end('ok')))
    const client = createHttpClient({ baseUrl: server.url, retry: noBudget })
    expect(await client.patch('/x', { a: 1 }, { idempotent: true })).toBe('ok')
    await expect(client.get('/x', { retry: false })).rejects.toBeInstanceOf(ServerError)
    expect(server.requests).toHaveLength(3)
  })
})

describe('retry budget', () => {
  test('100 concurrent callers against an always-503 server make at most ~1.2x attempts', async () => {
    server = await startServer((_req, res) => res.writeHead(503).end())
    const client = createHttpClient({ baseUrl: server.url, retry: { baseDelay: 5, maxDelay: 20 } })
    const results = await Promise.allSettled(Array.from({ length: 100 }, () => client.get('/storm')))
    expect(results.every((r) => r.status === 'rejected' && r.reason instanceof ServerError)).toBe(true)
    // 100 first attempts + 20 % + the floor of 3.
    expect(server.requests.length).toBeLessThanOrEqual(123)
    expect(server.requests.length).toBeGreaterThan(100)
  })

  test('without the budget the same storm triples the load (what the budget prevents)', async () => {
    server = await startServer((_req, res) => res.writeHead(503).end())
    const client = createHttpClient({ baseUrl: server.url, retry: noBudget })
    await Promise.allSettled(Array.from({ length: 100 }, () => client.get('/storm')))
    expect(server.requests).toHaveLength(300)
  })
})
