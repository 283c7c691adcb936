// What the Redis store costs: µs added per call in one process (fetch stubbed, calls one after
// another), and calls/s that one redis-server sustains with 4 processes (16 calls in flight each),
// next to the in-memory store. Starts its own redis-server on a free port (Debian's redis-server).
//   node bench/manager/redis.mjs [--n 3000] [--seconds 3] [--processes 4]
import { fork, spawn } from 'node:child_process'
import { createServer } from 'node:net'
import { fileURLToPath } from 'node:url'
import { parseArgs } from 'node:util'
import { createNetworkManager, httpClient } from '@codomyrmex/networking/runtime'
import { rateLimiting } from '@codomyrmex/networking/runtime/internal'
import { createRedisStore } from '@codomyrmex/networking/redis'
import { Redis } from 'ioredis'

const { values } = parseArgs({
  options: {
    n: { type: 'string', default: '3000' },
    seconds: { type: 'string', default: '3' },
    processes: { type: 'string', default: '4' },
    child: { type: 'string' },
    port: { type: 'string' },
  },
})
const policy = { maxConcurrent: 64, rateLimit: { rate: 1e6, burst: 1e6 }, breaker: {} }
const stub = async () => new Response('{"id":1}', { status: 200, headers: { 'content-type': 'application/json' } })

function manager(kind, port, prefix) {
  const redis = kind === 'redis' ? new Redis(Number(port), '127.0.0.1', { enableOfflineQueue: false, maxRetriesPerRequest: 1 }) : undefined
  const m = createNetworkManager({
    ...(redis ? { store: createRedisStore({ redis, prefix }) } : {}),
    features: [rateLimiting],
    policy,
    defaults: { baseUrl: 'http://api.test', fetch: stub },
    clients: { a: httpClient() },
  })
  return { m, ready: redis ? new Promise((r) => redis.once('ready', r)) : Promise.resolve() }
}

if (values.child) {
  // One member of the fleet: 16 calls in flight for `seconds`, then report the count.
  const { m, ready } = manager(values.child, values.port, 'bench-fleet:')
  await ready
  const api = m.get('a')
  const end = Date.now() + Number(values.seconds) * 1000
  let calls = 0
  await Promise.all(
    [...Array(16)].map(async () => {
      while (Date.now() < end) {
        await api.get('/pets/1')
        calls++
      }
    }),
  )
  await m.closeAll()
  process.send(calls)
  process.exit(0)
}

const port = await new Promise((resolve) => {
  const s = createServer().listen(0, '127.0.0.1', () => {
    const p = s.address().port
    s.close(() => resolve(p))
  })
})
const server = spawn('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'], { stdio: 'ignore' })
await new Promise((r) => setTimeout(r, 500))

const N = Number(values.n)
const perCall = {}
for (const kind of ['memory', 'redis']) {
  const { m, ready } = manager(kind, port, 'bench-one:')
  await ready
  const api = m.get('a')
  for (let i = 0; i < 300; i++) await api.get('/pets/1')
  const t0 = process.hrtime.bigint()
  for (let i = 0; i < N; i++) await api.get('/pets/1')
  perCall[kind] = Number(process.hrtime.bigint() - t0) / 1e3 / N
  await m.closeAll()
}

const fleet = {}
for (const kind of ['memory', 'redis']) {
  const counts = await Promise.all(
    [...Array(Number(values.processes))].map(
      () =>
        new Promise((resolve) => {
          const child = fork(fileURLToPath(import.meta.url), ['--child', kind, '--port', String(port), '--seconds', values.seconds], { stdio: 'inherit' })
          child.on('message', resolve)
        }),
    ),
  )
  fleet[kind] = counts.reduce((a, b) => a + b, 0) / Number(values.seconds)
}
server.kill()

console.log(`node ${process.version}; fetch stubbed; policy: maxConcurrent 64, rate limit, breaker (every decision shared)`)
console.log(`| store | wall µs per call, one process, sequential | calls/s, ${values.processes} processes × 16 in flight |\n|---|---|---|`)
for (const kind of ['memory', 'redis']) console.log(`| ${kind} | ${perCall[kind].toFixed(0)} | ${Math.round(fleet[kind])} |`)
console.log(`Redis store adds ${(perCall.redis - perCall.memory).toFixed(0)} µs per call`)
