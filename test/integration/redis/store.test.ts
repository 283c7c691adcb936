import { createClient } from '@redis/client'
import { Redis } from 'ioredis'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { createNetworkManager, httpClient, CircuitOpenError, rateLimiting, StoreUnavailableError } from '../../../runtime/index'
import type { ManagerEvent, OriginPolicy } from '../../../runtime/internal'
import { createRedisStore, fromNodeRedis, originKey, type RedisStoreOptions } from '../../../runtime/redis/index'
import { startServer, type Handler } from '../../helpers/http-server'
import { startRedis, type RedisServer } from '../../helpers/redis-server'

/**
 * Managers sharing one real redis-server (no mock), in this process so the store's source counts
 * in coverage. The fleet of separate processes is in fleet.test.ts.
 */
let redis: RedisServer
const clients: Redis[] = []
const managers: { closeAll(): Promise<void> }[] = []
let prefix = ''
let n = 0

beforeAll(async () => {
  redis = await startRedis()
})
afterAll(async () => {
  await redis?.stop()
})
afterEach(async () => {
  await Promise.allSettled(managers.splice(0).map((m) => m.closeAll()))
  for (const c of clients.splice(0)) c.disconnect()
})

function client(): Redis {
  // Fail fast while disconnected: the store's own timeout bounds the rest.
  const c = new Redis(redis.port, '127.0.0.1', { enableOfflineQueue: false, maxRetriesPerRequest: 1, retryStrategy: () => 50, lazyConnect: false })
  c.on('error', () => {})
  clients.push(c)
  return c
}

async function ready(c: Redis): Promise<void> {
  if (c.status !== 'ready') await new Promise((resolve) => c.once('ready', resolve))
}

/** A manager with its own Redis connection, on a prefix fresh for each test. */
async function member(policy: OriginPolicy, store: Partial<RedisStoreOptions> = {}) {
  const c = client()
  await ready(c)
  const events: ManagerEvent[] = []
  const lines: string[] = []
  const manager = createNetworkManager({
    store: createRedisStore({ redis: c, prefix, ...store }),
    features: [rateLimiting],
    policy,
    defaults: { retry: { limit: 0 }, logger: { logger: { debug() {}, info: (e) => lines.push(e.event), warn: (e) => lines.push(e.event), error() {} } } },
    clients: { api: httpClient() },
  })
  manager.subscribe((e) => events.push(e))
  managers.push(manager)
  return { manager, api: manager.get('api'), events, lines, redis: c }
}

async function server(handler: Handler) {
  const s = await startServer(handler)
  return s
}

function fresh(): void {
  prefix = `t${++n}-${process.pid}:`
}

async function keys(): Promise<string[]> {
  const admin = client()
  await ready(admin)
  return (await admin.keys(`${prefix}*`)).sort()
}

describe('createRedisStore with real Redis', () => {
  it('keeps one concurrency limit across managers', async () => {
    fresh()
    let now = 0
    let peak = 0
    const gates: (() => void)[] = []
    const s = await server(async (_req, res) => {
      peak = Math.max(peak, ++now)
      await new Promise<void>((resolve) => gates.push(resolve))
      now--
      res.end('ok')
    })
    const a = await member({ maxConcurrent: 2, breaker: false })
    const b = await member({ maxConcurrent: 2, breaker: false })
    const calls = [...Array(6)].map((_, i) => (i % 2 ? a : b).api.get(`${s.url}/x${i}`))
    // Two are in; the other four wait for a lease however long the first two take.
    while (gates.length < 2) await new Promise((r) => setTimeout(r, 5))
    await new Promise((r) => setTimeout(r, 100))
    expect(gates.length).toBe(2)
    expect(a.manager.metrics().origins[s.url]!.queued + b.manager.metrics().origins[s.url]!.queued).toBe(4)
    for (let released = 0; released < 6; released++) {
      while (gates.length === 0) await new Promise((r) => setTimeout(r, 5))
      gates.shift()!()
    }
    expect(await Promise.all(calls)).toEqual(Array(6).fill('ok'))
    expect(peak).toBe(2)
    expect(a.manager.metrics().store).toMatchObject({ kind: 'redis', state: 'up', outages: 0 })
    await s.close()
  })

  it("shares one worker's 429 Retry-After as a pause for all", async () => {
    fresh()
    const s = await server((req, res) => {
      if (req.url === '/limited') return res.writeHead(429, { 'retry-after': '1' }).end()
      res.end('ok')
    })
    const a = await member({ rateLimit: {}, breaker: false })
    const b = await member({ rateLimit: {}, breaker: false })
    await expect(a.api.get(`${s.url}/limited`)).rejects.toMatchObject({ status: 429 })
    // The advice goes to Redis off the request's path: wait until the server holds the pause.
    const admin = client()
    await ready(admin)
    const key = `${prefix}{${s.url}}:bucket`
    let pauseEnd = 0
    while ((pauseEnd = Number(await admin.hget(key, 'last'))) <= Date.now()) await new Promise((r) => setTimeout(r, 5))
    await expect(b.api.get(`${s.url}/ok`)).resolves.toBe('ok')
    // Retry-After: 1 is a second from the 429: b sent nothing before the pause the server holds
    // ended, however much of it a loaded machine spent getting here (2 ms for clock rounding).
    expect(Date.now()).toBeGreaterThanOrEqual(pauseEnd - 2)
    expect(b.events.some((e) => e.type === 'wait' && e.reason === 'rate-limit')).toBe(true)
    await s.close()
  })

  it('opens the breaker for all on failures seen by one, lets one probe through, then closes for all', async () => {
    fresh()
    let healthy = false
    const s = await server((_req, res) => res.writeHead(healthy ? 200 : 503).end(healthy ? 'ok' : 'down'))
    const breaker = { minimumThroughput: 4, failureRatio: 0.5, breakDuration: 300 }
    const a = await member({ breaker })
    const b = await member({ breaker })
    for (let i = 0; i < 4; i++) await expect(a.api.get(`${s.url}/f${i}`)).rejects.toMatchObject({ status: 503 })
    // a recorded its failures off the request path: b sees the breaker open on its next call.
    let refused: unknown
    for (let i = 0; i < 50 && !refused; i++) {
      const outcome = await b.api.get(`${s.url}/b`).then(
        () => undefined,
        (e: unknown) => e,
      )
      if (outcome instanceof CircuitOpenError) refused = outcome
      else await new Promise((r) => setTimeout(r, 10))
    }
    expect(refused).toBeInstanceOf(CircuitOpenError)
    const sent = s.requests.length
    // The break is over: many calls from both, one probe reaches the server.
    await new Promise((r) => setTimeout(r, 350))
    healthy = true
    let gate!: () => void
    const held = new Promise<void>((resolve) => (gate = resolve))
    s.server.removeAllListeners('request')
    s.server.on('request', async (_req, res) => {
      s.requests.push({ method: 'GET', url: _req.url ?? '', headers: _req.headers, body: '' })
      await held
      res.end('ok')
    })
    const burst = [...Array(6)].map((_, i) =>
      (i % 2 ? a : b).api.get(`${s.url}/p${i}`).then(
        () => 'ok',
        (e: unknown) => (e as Error).name,
      ),
    )
    while (s.requests.length === sent) await new Promise((r) => setTimeout(r, 5))
    gate()
    const outcomes = await Promise.all(burst)
    expect(s.requests.length - sent).toBe(1)
    expect(outcomes.filter((o) => o === 'ok')).toHaveLength(1)
    expect(outcomes.filter((o) => o === 'CircuitOpenError')).toHaveLength(5)
    // Closed for both now.
    await expect(a.api.get(`${s.url}/after`)).resolves.toBe('ok')
    await expect(b.api.get(`${s.url}/after`)).resolves.toBe('ok')
    expect(b.events.filter((e) => e.type === 'breaker').map((e) => (e as { to: string }).to)).toContain('open')
    await s.close()
  })

  it('shares the retry budget: once the fleet spent it, nobody retries', async () => {
    fresh()
    const s = await server((_req, res) => res.writeHead(503).end())
    const opts = { budget: { ratio: 0, floor: 2, window: 60_000 } }
    const a = createNetworkManager({
      store: createRedisStore({ redis: await readyClient(), prefix, ...opts }),
      policy: { breaker: false },
      // The process-wide budget off: only the fleet's decides here.
      defaults: { retry: { limit: 3, baseDelay: 1, maxDelay: 2, budget: false } },
      clients: { api: httpClient() },
    })
    const b = createNetworkManager({
      store: createRedisStore({ redis: await readyClient(), prefix, ...opts }),
      policy: { breaker: false },
      // The process-wide budget off: only the fleet's decides here.
      defaults: { retry: { limit: 3, baseDelay: 1, maxDelay: 2, budget: false } },
      clients: { api: httpClient() },
    })
    managers.push(a, b)
    // a: 1 + 2 retries (the floor); b: no retry left.
    await expect(a.get('api').get(`${s.url}/a`)).rejects.toMatchObject({ status: 503 })
    expect(s.requests.length).toBe(3)
    await expect(b.get('api').get(`${s.url}/b`)).rejects.toMatchObject({ status: 503 })
    expect(s.requests.length).toBe(4)
    expect(b.metrics().origins[s.url]!.retryBudget).toEqual({ remaining: 0 })
    await s.close()
  })

  it('gives a dead process its leases back within the TTL', async () => {
    fresh()
    const gates: (() => void)[] = []
    const s = await server(async (_req, res) => {
      await new Promise<void>((resolve) => gates.push(resolve))
      res.end('ok')
    })
    const a = await member({ maxConcurrent: 1, breaker: false }, { leaseTtl: 400 })
    const b = await member({ maxConcurrent: 1, breaker: false }, { leaseTtl: 400 })
    void a.api.get(`${s.url}/a`).catch(() => {})
    while (gates.length < 1) await new Promise((r) => setTimeout(r, 5))
    // a's link dies without a word (no release, no renewal): b gets the slot once the lease expires.
    a.redis.disconnect()
    const started = Date.now()
    // When a's lease runs out (a renewal still in flight could only push it later).
    const admin = client()
    await ready(admin)
    const [, expiry] = await admin.zrange(`${prefix}{${s.url}}:leases`, '0', '-1', 'WITHSCORES')
    const pending = b.api.get(`${s.url}/b`)
    while (gates.length < 2) await new Promise((r) => setTimeout(r, 5))
    // Not before the lease expired, however late a loaded machine got here (2 ms for clock rounding).
    expect(Date.now()).toBeGreaterThanOrEqual(Number(expiry) - 2)
    expect(Date.now() - started).toBeLessThan(5_000)
    for (const g of gates) g()
    await expect(pending).resolves.toBe('ok')
    await s.close()
  })

  it('renews the leases of slow requests, so they outlive the TTL', async () => {
    fresh()
    let now = 0
    let peak = 0
    const s = await server(async (_req, res) => {
      peak = Math.max(peak, ++now)
      await new Promise((r) => setTimeout(r, 400))
      now--
      res.end('ok')
    })
    const a = await member({ maxConcurrent: 1, breaker: false }, { leaseTtl: 150 })
    const b = await member({ maxConcurrent: 1, breaker: false }, { leaseTtl: 150 })
    await Promise.all([a.api.get(`${s.url}/1`), b.api.get(`${s.url}/2`), a.api.get(`${s.url}/3`)])
    expect(peak).toBe(1)
    await s.close()
  })

  it('fails open on an outage (local limits, logged once, counted) and comes back', async () => {
    fresh()
    const s = await server((_req, res) => res.end('ok'))
    const a = await member({ maxConcurrent: 4, rateLimit: { rate: 1000 } }, { onOutage: 'fail-open', recheck: 50, timeout: 200 })
    await expect(a.api.get(`${s.url}/before`)).resolves.toBe('ok')
    await redis.kill()
    for (let i = 0; i < 5; i++) {
      const started = Date.now()
      await expect(a.api.get(`${s.url}/during${i}`)).resolves.toBe('ok')
      // The documented bound: no call waits on a dead Redis longer than the timeout (plus the request).
      expect(Date.now() - started).toBeLessThan(2_000)
    }
    const during = a.manager.metrics().store!
    expect(during).toMatchObject({ state: 'down', outages: 1, refused: 0 })
    expect(during.fallbacks).toBeGreaterThanOrEqual(5)
    expect(a.lines.filter((l) => l === 'store.down')).toHaveLength(1)
    await redis.restart()
    await ready(a.redis)
    // Back in force: the first trial after `recheck` succeeds.
    for (let i = 0; i < 100 && a.manager.metrics().store!.state === 'down'; i++) {
      await a.api.get(`${s.url}/after`)
      await new Promise((r) => setTimeout(r, 20))
    }
    expect(a.manager.metrics().store!.state).toBe('up')
    expect(a.lines).toContain('store.up')
    expect((await keys()).length).toBeGreaterThan(0)
    await s.close()
  })

  it('fails closed on an outage with a typed error, at once, and comes back', async () => {
    fresh()
    const s = await server((_req, res) => res.end('ok'))
    const a = await member({ rateLimit: {} }, { onOutage: 'fail-closed', recheck: 50, timeout: 200 })
    await expect(a.api.get(`${s.url}/before`)).resolves.toBe('ok')
    const sent = s.requests.length
    await redis.kill()
    const started = Date.now()
    const error = await a.api.get(`${s.url}/during`).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(StoreUnavailableError)
    expect(error).toMatchObject({ code: 'ERR_STORE_UNAVAILABLE', store: 'redis', origin: s.url })
    expect(Date.now() - started).toBeLessThan(2_000)
    await expect(a.api.get(`${s.url}/during2`)).rejects.toBeInstanceOf(StoreUnavailableError)
    expect(s.requests.length).toBe(sent)
    expect(a.manager.metrics().store).toMatchObject({ state: 'down', fallbacks: 0 })
    expect(a.manager.metrics().store!.refused).toBeGreaterThanOrEqual(2)
    expect(a.manager.metrics().clients.api!.errors.store_unavailable).toBeGreaterThanOrEqual(2)
    await redis.restart()
    await ready(a.redis)
    let back = false
    for (let i = 0; i < 100 && !back; i++) {
      back = await a.api.get(`${s.url}/after`).then(
        () => true,
        () => false,
      )
      if (!back) await new Promise((r) => setTimeout(r, 20))
    }
    expect(back).toBe(true)
    expect(a.manager.metrics().store!.state).toBe('up')
    await s.close()
  })

  it('keys by origin only, namespaced, every key expiring; closeAll() gives leases back and quits the client', async () => {
    fresh()
    const s = await server((_req, res) => res.end('ok'))
    const a = await member({ maxConcurrent: 3, rateLimit: { rate: 100 } }, { leaseTtl: 5_000 })
    const secretUrl = `${s.url.replace('http://', 'http://user:hunter2@')}/path?access_token=abc123`
    await expect(a.api.get(secretUrl)).resolves.toBe('ok')
    await new Promise((r) => setTimeout(r, 50)) // fire-and-forget deposits and records land
    const found = await keys()
    expect(found.length).toBeGreaterThanOrEqual(3)
    for (const key of found) {
      expect(key.startsWith(`${prefix}{${s.url}}:`)).toBe(true)
      expect(key).not.toMatch(/hunter2|abc123|path|user/)
    }
    const admin = client()
    await ready(admin)
    for (const key of found) expect(await admin.pttl(key), key).toBeGreaterThan(0)
    await a.manager.closeAll()
    // quit() has been answered; the socket's end follows.
    if (a.redis.status !== 'end') await new Promise((resolve) => a.redis.once('end', resolve))
    expect(a.redis.status).toBe('end')
    expect(await admin.zcard(`${prefix}{${s.url}}:leases`)).toBe(0)
    await s.close()
  })

  it('works with a node-redis client through fromNodeRedis()', async () => {
    fresh()
    let now = 0
    let peak = 0
    const s = await server(async (_req, res) => {
      peak = Math.max(peak, ++now)
      await new Promise((r) => setTimeout(r, 20))
      now--
      res.end('ok')
    })
    const node = createClient({ url: redis.url })
    await node.connect()
    const manager = createNetworkManager({
      store: createRedisStore({ redis: fromNodeRedis(node), prefix }),
      features: [rateLimiting],
      policy: { maxConcurrent: 2, rateLimit: {} },
      clients: { api: httpClient() },
    })
    const other = await member({ maxConcurrent: 2, rateLimit: {} })
    await Promise.all([...Array(6)].map((_, i) => (i % 2 ? manager.get('api') : other.api).get(`${s.url}/n${i}`)))
    expect(peak).toBe(2)
    expect(manager.metrics().store).toMatchObject({ kind: 'redis', state: 'up', failures: 0 })
    expect(await keys()).toContain(`${prefix}{${s.url}}:bucket`)
    await manager.closeAll()
    expect(node.isOpen).toBe(false)
    await s.close()
  })

  it('origin keys never carry credentials and stay bounded', () => {
    expect(originKey('https://u:p@api.example.com:8443/a?token=x#y')).toBe('https://api.example.com:8443')
    expect(originKey('not a url')).toBe('invalid')
    const long = originKey(`https://${'a'.repeat(60)}.${'b'.repeat(60)}.${'c'.repeat(60)}.${'d'.repeat(60)}.example`)
    expect(long).toMatch(/^#[0-9a-f]{16}$/)
  })

  it('rejects bad options with a message naming them', () => {
    const c = { evalsha: async () => 0, eval: async () => 0 }
    expect(() => createRedisStore({ redis: c, timeout: 0 })).toThrow(/timeout must be a positive number/)
    expect(() => createRedisStore({ redis: c, onOutage: 'maybe' as 'fail-open' })).toThrow(/onOutage must be/)
    expect(() => createRedisStore({ redis: {} as typeof c })).toThrow(/evalsha\(\) and eval\(\)/)
  })
})

async function readyClient(): Promise<Redis> {
  const c = client()
  await ready(c)
  return c
}
