import { fork, type ChildProcess } from 'node:child_process'
import { join } from 'node:path'
import { Redis } from 'ioredis'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { startServer, type Handler, type TestServer } from '../../helpers/http-server'
import { startRedis, type RedisServer } from '../../helpers/redis-server'

/**
 * The fleet: 4 Node processes, each with its own network manager (the built package) on
 * one real redis-server, against one loopback server that counts what it gets.
 */
const WORKER = join(__dirname, '../../fixtures/redis-fleet/worker.mjs')

interface Worker {
  child: ChildProcess
  ask<T = Outcome>(cmd: string, args?: Record<string, unknown>): Promise<T>
}
interface Outcome {
  ok: boolean
  name?: string
  code?: string
  status?: number
  ms: number
}

let redis: RedisServer
let admin: Redis
let fleet: Worker[] = []
const servers: TestServer[] = []
let n = 0

beforeAll(async () => {
  redis = await startRedis()
  admin = new Redis(redis.port, '127.0.0.1', { retryStrategy: () => 50 })
  admin.on('error', () => {})
})
afterAll(async () => {
  admin?.disconnect()
  await redis?.stop()
})
afterEach(async () => {
  for (const w of fleet) w.child.kill('SIGKILL')
  fleet = []
  await Promise.all(servers.splice(0).map((s) => s.close()))
})

async function serve(handler: Handler): Promise<TestServer> {
  const s = await startServer(handler)
  servers.push(s)
  return s
}

/** Forks `count` workers on a prefix of their own and waits until each one's manager is up. */
async function spawnFleet(
  count: number,
  target: string,
  policy: unknown,
  store: (i: number) => Record<string, unknown> = () => ({}),
): Promise<{ prefix: string; workers: Worker[] }> {
  const prefix = `fleet${++n}-${process.pid}:`
  const workers = await Promise.all(
    [...Array(count)].map(async (_, worker) => {
      const child = fork(WORKER, [], {
        env: { ...process.env, FLEET_CONFIG: JSON.stringify({ worker, redisPort: redis.port, prefix, target, policy, store: store(worker) }) },
        stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
      })
      const pending = new Map<number, (value: unknown) => void>()
      let ids = 0
      await new Promise<void>((resolve, reject) => {
        child.once('exit', (code) => reject(new Error(`worker ${worker} exited (${code}) before it was ready`)))
        child.on('message', (message: { ready?: boolean; id?: number; result?: unknown }) => {
          if (message.ready) resolve()
          else pending.get(message.id!)?.(message.result)
        })
      })
      const ask = <T>(cmd: string, args: Record<string, unknown> = {}): Promise<T> =>
        new Promise<T>((resolve) => {
          const id = ++ids
          pending.set(id, resolve as (value: unknown) => void)
          child.send({ id, cmd, args })
        })
      return { child, ask } as Worker
    }),
  )
  fleet.push(...workers)
  return { prefix, workers }
}

async function until(check: () => boolean | Promise<boolean>, ms = 15_000): Promise<void> {
  const end = Date.now() + ms
  while (!(await check())) {
    if (Date.now() > end) throw new Error('condition not met in time')
    await new Promise((r) => setTimeout(r, 10))
  }
}

describe('a fleet of 4 processes on one Redis', () => {
  it('keeps the aggregate rate within 1.1 × the limit over 5 s', async () => {
    const times: number[] = []
    const s = await serve((_req, res) => {
      times.push(Date.now())
      res.end('ok')
    })
    const rate = 40
    const { workers } = await spawnFleet(4, s.url, { rateLimit: { rate, burst: 4 }, breaker: false })
    // Each worker alone would send thousands a second: only the shared bucket holds them back.
    const outcomes = await Promise.all(workers.map((w) => w.ask<Record<string, number>>('hammer', { ms: 5_500, concurrency: 4, path: '/r' })))
    const first = times[0]!
    const inWindow = times.filter((t) => t < first + 5_000).length
    expect(inWindow).toBeLessThanOrEqual(1.1 * rate * 5)
    // ...and they did use it: well above what one worker's share would be.
    expect(inWindow).toBeGreaterThanOrEqual(0.7 * rate * 5)
    for (const o of outcomes) expect(Object.keys(o)).toEqual(['ok'])
    // Every worker got a share.
    expect(new Set(s.requests.map((r) => r.headers['x-worker'])).size).toBe(4)
  }, 60_000)

  it('never lets the server see more concurrent requests than the shared maximum', async () => {
    let now = 0
    let peak = 0
    const s = await serve(async (_req, res) => {
      peak = Math.max(peak, ++now)
      await new Promise((r) => setTimeout(r, 30))
      now--
      res.end('ok')
    })
    const { workers } = await spawnFleet(4, s.url, { maxConcurrent: 3, breaker: false })
    const outcomes = await Promise.all(workers.map((w) => w.ask<Record<string, number>>('hammer', { ms: 2_000, concurrency: 3, path: '/c' })))
    expect(peak).toBe(3)
    for (const o of outcomes) expect(Object.keys(o)).toEqual(['ok'])
  }, 60_000)

  it("pauses every process on one process's 429 with Retry-After", async () => {
    const after: number[] = []
    const s = await serve((req, res) => {
      if (req.url === '/limited') return res.writeHead(429, { 'retry-after': '1' }).end()
      after.push(Date.now())
      res.end('ok')
    })
    const { prefix, workers } = await spawnFleet(4, s.url, { rateLimit: {}, breaker: false })
    const limited = await workers[0]!.ask('get', { path: '/limited' })
    const answered = Date.now()
    expect(limited).toMatchObject({ ok: false, status: 429 })
    await until(async () => Number(await admin.hget(`${prefix}{${s.url}}:bucket`, 'last')) > Date.now())
    const results = await Promise.all(workers.map((w) => w.ask('get', { path: '/after' })))
    expect(results.every((r) => r.ok)).toBe(true)
    expect(after).toHaveLength(4)
    // Nobody came back before the second was over (it counts from the 429; slack for the round trips).
    for (const t of after) expect(t - answered).toBeGreaterThanOrEqual(800)
  }, 60_000)

  it('opens the breaker for all on one process’s failures, lets one probe through, then closes for all', async () => {
    let healthy = false
    let hold: Promise<void> | undefined
    const s = await serve(async (_req, res) => {
      if (hold) await hold
      res.writeHead(healthy ? 200 : 503).end()
    })
    const breaker = { minimumThroughput: 4, failureRatio: 0.5, breakDuration: 500 }
    const { prefix, workers } = await spawnFleet(4, s.url, { breaker })
    for (let i = 0; i < 4; i++) expect(await workers[0]!.ask('get', { path: `/f${i}` })).toMatchObject({ ok: false, status: 503 })
    await until(async () => (await admin.hget(`${prefix}{${s.url}}:breaker`, 'state')) === 'open')
    const sent = s.requests.length
    for (const w of workers.slice(1)) expect(await w.ask('get', { path: '/refused' })).toMatchObject({ ok: false, code: 'ERR_CIRCUIT_OPEN' })
    expect(s.requests.length).toBe(sent)
    // After the break: every process asks at once; the single probe lease lets one request through.
    await until(async () => {
      const state = await admin.hget(`${prefix}{${s.url}}:breaker`, 'opened')
      const [sec] = await admin.time()
      return Number(sec) * 1000 - Number(state) > breaker.breakDuration + 20
    })
    healthy = true
    let release!: () => void
    hold = new Promise<void>((resolve) => (release = resolve))
    const burst = Promise.all(workers.flatMap((w) => [w.ask('get', { path: '/p' }), w.ask('get', { path: '/p' })]))
    await until(() => s.requests.length > sent)
    // Give the other seven time to be refused while the probe is held.
    await new Promise((r) => setTimeout(r, 300))
    release()
    hold = undefined
    const outcomes = await burst
    expect(s.requests.length - sent).toBe(1)
    expect(outcomes.filter((o) => o.ok)).toHaveLength(1)
    expect(outcomes.filter((o) => o.code === 'ERR_CIRCUIT_OPEN')).toHaveLength(7)
    await until(
      async () => (await admin.exists(`${prefix}{${s.url}}:breaker`)) === 0 || (await admin.hget(`${prefix}{${s.url}}:breaker`, 'state')) === 'closed',
    )
    for (const w of workers) expect(await w.ask('get', { path: '/closed' })).toMatchObject({ ok: true })
  }, 60_000)

  it('gives the leases of a process killed mid-flight back within the TTL', async () => {
    const s = await serve(async (req, res) => {
      if (req.url === '/stuck') return // never answered: the killed worker's requests hold their leases
      res.end('ok')
    })
    const ttl = 1_000
    const { prefix, workers } = await spawnFleet(2, s.url, { maxConcurrent: 2, breaker: false }, () => ({ leaseTtl: ttl }))
    void workers[0]!.ask('get', { path: '/stuck' })
    void workers[0]!.ask('get', { path: '/stuck' })
    await until(() => s.requests.length === 2)
    const waiting = workers[1]!.ask('get', { path: '/free' })
    // Alive, worker 0 renews its leases: worker 1 stays out well past one TTL.
    await new Promise((r) => setTimeout(r, ttl * 1.5))
    expect(s.requests.length).toBe(2)
    expect(await admin.zcard(`${prefix}{${s.url}}:leases`)).toBe(2)
    workers[0]!.child.kill('SIGKILL')
    const killed = Date.now()
    expect(await waiting).toMatchObject({ ok: true })
    const waited = Date.now() - killed
    expect(waited).toBeLessThanOrEqual(ttl + 1_000)
  }, 60_000)

  it('survives Redis killed mid-run and restarted: fail-open keeps going, fail-closed refuses at once, both recover', async () => {
    const s = await serve((_req, res) => res.end('ok'))
    const store = (i: number) => ({ onOutage: i < 2 ? 'fail-open' : 'fail-closed', timeout: 200, recheck: 100 })
    const { workers } = await spawnFleet(4, s.url, { maxConcurrent: 8, rateLimit: { rate: 200 } }, store)
    for (const w of workers) expect(await w.ask('get', { path: '/up' })).toMatchObject({ ok: true })
    const running = workers[0]!.ask<Record<string, number>>('hammer', { ms: 1_500, concurrency: 2, path: '/run' })
    await until(() => s.requests.some((r) => r.url === '/run'))
    await redis.kill()
    // Fail-open: served with local limits. Fail-closed: refused without sending, fast.
    for (const w of workers.slice(1)) {
      const r = await w.ask('get', { path: '/down' })
      if (w === workers[1]) expect(r).toMatchObject({ ok: true })
      else expect(r).toMatchObject({ ok: false, code: 'ERR_STORE_UNAVAILABLE' })
      expect(r.ms).toBeLessThan(1_500)
    }
    expect(Object.keys(await running)).toEqual(['ok'])
    const during = await Promise.all(workers.map((w) => w.ask<{ state: string; outages: number }>('metrics')))
    for (const m of during) expect(m).toMatchObject({ state: 'down', outages: 1 })
    expect(s.requests.filter((r) => r.url === '/down').map((r) => r.headers['x-worker'])).toEqual(['1'])
    await redis.restart()
    // A fail-open worker is served while down too: back means its store is up again.
    for (const w of workers) {
      await until(async () => (await w.ask('get', { path: '/back' })).ok && (await w.ask<{ state: string }>('metrics')).state === 'up')
    }
    expect(s.requests.filter((r) => r.url === '/back' && r.headers['x-worker'] === '3').length).toBeGreaterThan(0)
  }, 60_000)

  it('leaves nothing behind: every key expires, closeAll() closes every connection', async () => {
    const s = await serve((_req, res) => res.end('ok'))
    const { prefix, workers } = await spawnFleet(4, s.url, { maxConcurrent: 2, rateLimit: { rate: 100 } })
    for (const w of workers) expect(await w.ask('get', { path: '/x' })).toMatchObject({ ok: true })
    const before = (await admin.client('LIST')) as string
    const keys = await admin.keys(`${prefix}*`)
    expect(keys.length).toBeGreaterThan(0)
    // -1 would be a key without expiry; -2 one already gone (a lease set emptied by a release).
    for (const key of keys) expect(await admin.pttl(key), key).not.toBe(-1)
    for (const w of workers) expect(await w.ask('close')).toEqual({ status: 'end' })
    await until(async () => ((await admin.client('LIST')) as string).trim().split('\n').length === 1)
    expect(before.trim().split('\n').length).toBe(5)
    // Leases are given back on close: an empty set is no key at all.
    expect(await admin.exists(`${prefix}{${s.url}}:leases`)).toBe(0)
  }, 60_000)
})
