import type { ServerResponse } from 'node:http'
import { describe, expect, it } from 'vitest'
import { ConfigurationError } from '../../../runtime/errors/configuration-error'
import { HttpError } from '../../../runtime/errors/http-error'
import { CircuitOpenError, createNetworkManager, httpClient, rateLimiting, type ManagerEvent, type OriginPolicy } from '../../../runtime/manager'
import { json, serversClosedAfterEach } from '../../helpers/http-server'
import { until } from './helpers'

const start = serversClosedAfterEach()

describe('per-origin concurrency limit', () => {
  it('holds at most maxConcurrent in flight and serves clients round-robin', async () => {
    const held: (() => void)[] = []
    let active = 0
    let peak = 0
    const server = await start(
      (_req, res: ServerResponse) =>
        new Promise<void>((resolve) => {
          active++
          peak = Math.max(peak, active)
          held.push(() => {
            active--
            json(res, 200, {})
            resolve()
          })
        }),
    )
    const manager = createNetworkManager({
      defaults: { baseUrl: server.url, retry: false },
      policy: { maxConcurrent: 2 },
      clients: { a: httpClient(), b: httpClient() },
    })
    const a = manager.get('a')
    const b = manager.get('b')
    const calls = [1, 2, 3, 4, 5].map((i) => a.get(`/a${i}`))
    await until(() => held.length === 2)
    calls.push(b.get('/b1'))
    await until(() => manager.metrics().origins[server.url]?.queued === 4)
    expect(manager.metrics().origins[server.url]).toMatchObject({ inFlight: 2, queued: 4 })
    for (let served = 2; served < 6; served++) {
      held.shift()!()
      await until(() => held.length === 2 && server.requests.length === served + 1)
    }
    held.splice(0).forEach((release) => release())
    await Promise.all(calls)
    expect(peak).toBe(2)
    expect(server.requests.map((r) => r.url)).toEqual(['/a1', '/a2', '/a3', '/b1', '/a4', '/a5'])
    await manager.closeAll()
  })
})

describe('per-origin circuit breaker', () => {
  it('opens on a 503 storm, fails fast with a typed error, spares other origins, probes and closes', async () => {
    let healthy = false
    const sick = await start((_req, res) => json(res, healthy ? 200 : 503, {}))
    const other = await start((_req, res) => json(res, 200, { ok: true }))
    let t = 1_000_000
    const events: ManagerEvent[] = []
    const manager = createNetworkManager({
      now: () => t,
      defaults: { retry: false },
      policy: { breaker: { minimumThroughput: 4, failureRatio: 0.5, breakDuration: 10_000 } },
      clients: { sick: httpClient({ baseUrl: sick.url }), other: httpClient({ baseUrl: other.url }) },
    })
    manager.subscribe((e) => events.push(e))
    for (let i = 0; i < 4; i++) await expect(manager.get('sick').get('/')).rejects.toBeInstanceOf(HttpError)
    const refused = await manager
      .get('sick')
      .get('/')
      .catch((e: unknown) => e)
    expect(refused).toBeInstanceOf(CircuitOpenError)
    expect(refused).toMatchObject({ origin: sick.url, retryAt: t + 10_000, code: 'ERR_CIRCUIT_OPEN' })
    expect((refused as Error).message).toContain(sick.url)
    expect(sick.requests).toHaveLength(4)
    expect(await manager.get('other').get('/')).toEqual({ ok: true })
    expect(manager.metrics().origins).toMatchObject({
      [sick.url]: { breaker: 'open', errors: { '503': 4, circuit_open: 1 } },
      [other.url]: { breaker: 'closed' },
    })

    t += 10_000
    healthy = true
    expect(await manager.get('sick').get('/')).toEqual({})
    expect(sick.requests).toHaveLength(5)
    expect(manager.metrics().origins[sick.url]!.breaker).toBe('closed')
    expect(events.filter((e) => e.type === 'breaker').map((e) => e.type === 'breaker' && `${e.from}>${e.to}`)).toEqual([
      'closed>open',
      'open>half-open',
      'half-open>closed',
    ])
    await manager.closeAll()
  })

  it('stops the client retrying once the breaker opens mid-call', async () => {
    const sick = await start((_req, res) => json(res, 503, {}))
    const manager = createNetworkManager({
      defaults: { baseUrl: sick.url, retry: { limit: 5, baseDelay: 1, budget: false } },
      policy: { breaker: { minimumThroughput: 2, breakDuration: 60_000 } },
      clients: { a: httpClient() },
    })
    await expect(manager.get('a').get('/')).rejects.toBeInstanceOf(CircuitOpenError)
    expect(sick.requests).toHaveLength(2)
    await expect(manager.get('a').post('/', { x: 1 })).rejects.toBeInstanceOf(CircuitOpenError)
    expect(sick.requests).toHaveLength(2)
    await manager.closeAll()
  })
})

describe('a stalled origin', () => {
  it('attempt timeouts count as failures: the breaker opens and later calls fail fast', async () => {
    const stalled = await start(() => new Promise(() => {}))
    const manager = createNetworkManager({
      defaults: { baseUrl: stalled.url, retry: false, timeout: 50 },
      policy: { breaker: { minimumThroughput: 2, breakDuration: 60_000 } },
      clients: { a: httpClient() },
    })
    for (let i = 0; i < 2; i++) await expect(manager.get('a').get('/')).rejects.toMatchObject({ name: 'TimeoutError' })
    await expect(manager.get('a').get('/')).rejects.toBeInstanceOf(CircuitOpenError)
    expect(stalled.requests).toHaveLength(2)
    expect(manager.metrics().origins[stalled.url]).toMatchObject({ breaker: 'open', errors: { timeout: 2, circuit_open: 1 } })
    await manager.closeAll()
  })
})

describe('per-origin rate limit', () => {
  it('pauses the origin after a 429 with Retry-After, for every client', async () => {
    const arrivals: number[] = []
    const server = await start((_req, res, n) => {
      arrivals.push(Date.now())
      if (n === 1) json(res, 429, {}, { 'retry-after-ms': '300' })
      else json(res, 200, {})
    })
    const events: ManagerEvent[] = []
    const manager = createNetworkManager({
      defaults: { baseUrl: server.url, retry: false },
      features: [rateLimiting],
      policy: { rateLimit: {} },
      clients: { a: httpClient(), b: httpClient() },
    })
    manager.subscribe((e) => events.push(e))
    await expect(manager.get('a').get('/')).rejects.toBeInstanceOf(HttpError)
    await manager.get('b').get('/')
    expect(arrivals[1]! - arrivals[0]!).toBeGreaterThanOrEqual(280)
    expect(events.find((e) => e.type === 'rate-limit')).toMatchObject({ origin: server.url, status: 429 })
    expect(events.find((e) => e.type === 'wait')).toMatchObject({ client: 'b', reason: 'rate-limit' })
    await manager.closeAll()
  })

  it('refuses policy.rateLimit without the rateLimiting feature, naming the option and the import', () => {
    const without = (options: { policy?: OriginPolicy; origins?: Record<string, OriginPolicy> }) => () =>
      createNetworkManager({ ...options, clients: { a: httpClient() } })
    expect(without({ policy: { rateLimit: {} } })).toThrow(ConfigurationError)
    expect(without({ policy: { rateLimit: {} } })).toThrow(
      /policy\.rateLimit needs the rate-limiting feature: pass features: \[rateLimiting\] \(exported by @codomyrmex\/networking\/runtime\)/,
    )
    expect(without({ origins: { 'https://a.example': { rateLimit: { rate: 1 } } } })).toThrow(/origins\["https:\/\/a\.example"\]\.rateLimit needs/)
    try {
      without({ origins: { 'https://a.example': { rateLimit: { rate: 1 } } } })()
    } catch (error) {
      expect((error as ConfigurationError).option).toBe('origins["https://a.example"].rateLimit')
    }
    // Off (`false`) or absent needs nothing.
    expect(without({ policy: { rateLimit: false } })).not.toThrow()
  })

  it('waits for the reset when the quota is exhausted, before the server refuses', async () => {
    const arrivals: number[] = []
    const server = await start((_req, res, n) => {
      arrivals.push(Date.now())
      json(res, 200, {}, n === 1 ? { 'x-ratelimit-limit': '10', 'x-ratelimit-remaining': '0', 'x-ratelimit-reset': String(Date.now() + 300) } : {})
    })
    const manager = createNetworkManager({
      defaults: { baseUrl: server.url },
      features: [rateLimiting],
      policy: { rateLimit: {} },
      clients: { a: httpClient() },
    })
    await manager.get('a').get('/')
    await manager.get('a').get('/')
    expect(arrivals[1]! - arrivals[0]!).toBeGreaterThanOrEqual(250)
    await manager.closeAll()
  })

  it('paces the remaining quota evenly once it runs low', async () => {
    const arrivals: number[] = []
    const server = await start((_req, res, n) => {
      arrivals.push(Date.now())
      json(res, 200, {}, n === 1 ? { ratelimit: 'limit=100, remaining=2, reset=0.4' } : {})
    })
    // A frozen clock makes the bucket's arithmetic exact; the waits themselves are real timers.
    const t = Date.now()
    const waits: (number | undefined)[] = []
    const manager = createNetworkManager({
      now: () => t,
      defaults: { baseUrl: server.url },
      features: [rateLimiting],
      policy: { rateLimit: {} },
      clients: { a: httpClient() },
    })
    manager.subscribe((e) => {
      if (e.type === 'attempt:start') waits.push(undefined)
      if (e.type === 'wait') waits.push(e.ms)
    })
    for (let i = 0; i < 4; i++) await manager.get('a').get('/')
    // 2 left for 0.4 s is 5 per second: the next two go at once, the one after waits 200 ms.
    expect(waits).toEqual([undefined, undefined, undefined, 200, undefined])
    expect(arrivals[3]! - arrivals[2]!).toBeGreaterThanOrEqual(190)
    expect(manager.metrics().origins[server.url]!.rateLimit!.rate).toBe(5)
    await manager.closeAll()
  })

  it('applies a client-side ceiling per origin', async () => {
    const arrivals: number[] = []
    const server = await start((_req, res) => {
      arrivals.push(Date.now())
      json(res, 200, {})
    })
    const t = Date.now()
    const waits: number[] = []
    const manager = createNetworkManager({
      now: () => t,
      defaults: { baseUrl: server.url },
      features: [rateLimiting],
      origins: { [server.url]: { rateLimit: { rate: 20, burst: 1 } } },
      clients: { a: httpClient() },
    })
    manager.subscribe((e) => e.type === 'wait' && waits.push(e.ms!))
    await Promise.all([0, 1, 2, 3].map(() => manager.get('a').get('/')))
    expect(waits).toEqual([50, 100, 150])
    // Measured from the start: a first request delayed by a loaded machine must not shrink the span.
    expect(arrivals.at(-1)! - t).toBeGreaterThanOrEqual(145)
    await manager.closeAll()
  })
})

describe('shared retry budget', () => {
  it('100 concurrent callers over two clients against an always-503 origin make at most ~1.2x attempts', async () => {
    const server = await start((_req, res) => json(res, 503, {}))
    const manager = createNetworkManager({
      defaults: { baseUrl: server.url, retry: { limit: 2, baseDelay: 1, maxDelay: 5 } },
      policy: { breaker: false },
      clients: { a: httpClient(), b: httpClient() },
    })
    const calls = Array.from({ length: 100 }, (_, i) =>
      manager
        .get(i % 2 ? 'a' : 'b')
        .get('/')
        .catch((e: unknown) => e),
    )
    const results = await Promise.all(calls)
    expect(results.every((r) => r instanceof HttpError)).toBe(true)
    // floor 3 + 20 % of 100 requests = 23 retries at most, shared by both clients.
    expect(server.requests.length).toBeLessThanOrEqual(123)
    expect(server.requests.length).toBeGreaterThan(100)
    const m = manager.metrics()
    expect(m.origins[server.url]).toMatchObject({ requests: server.requests.length, breaker: 'off', retryBudget: { remaining: 0 } })
    expect(m.clients.a!.retries + m.clients.b!.retries).toBe(server.requests.length - 100)
    await manager.closeAll()
  })
})
