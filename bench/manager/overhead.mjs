// What the network manager costs per request: the same HTTP client alone, held by a manager
// (breaker on, the default), with every limit on (concurrency, rate-limit headers, breaker), and
// with an OpenTelemetry tracer subscribed. `fetch` is stubbed so only client-side work is timed.
//   node bench/manager/overhead.mjs [--n 20000] [--rounds 5]
import { mkdirSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'
import { parseArgs } from 'node:util'
import { build } from 'esbuild'

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..')
const { values } = parseArgs({ options: { n: { type: 'string', default: '20000' }, rounds: { type: 'string', default: '5' } } })
const N = Number(values.n)
const outDir = join(root, 'node_modules', '.cache', 'bench-manager')
mkdirSync(outDir, { recursive: true })
await build({
  stdin: { contents: "export { createHttpClient } from './runtime/http/client'\nexport * from './runtime/manager/index'", resolveDir: root, loader: 'ts' },
  bundle: true,
  format: 'esm',
  platform: 'neutral',
  outfile: join(outDir, 'manager.mjs'),
  external: ['ofetch', 'crossws', 'crossws/*'],
  logLevel: 'error',
})
const rt = await import(pathToFileURL(join(outDir, 'manager.mjs')).href)

const payload = JSON.stringify({ id: 1, name: 'rex', tags: ['a', 'b'] })
const headers = { 'content-type': 'application/json', 'x-ratelimit-limit': '100000', 'x-ratelimit-remaining': '99999', 'x-ratelimit-reset': '60' }
const stub = async () => new Response(payload, { status: 200, headers })
const base = 'http://api.test'
const tracer = { startSpan: () => ({ setAttribute() {}, setStatus() {}, end() {} }) }

const plain = rt.createHttpClient({ baseUrl: base, fetch: stub })
const held = rt.createNetworkManager({ defaults: { baseUrl: base, fetch: stub }, clients: { a: rt.httpClient() } })
const limited = rt.createNetworkManager({
  defaults: { baseUrl: base, fetch: stub },
  features: [rt.rateLimiting],
  policy: { maxConcurrent: 64, rateLimit: {}, breaker: {} },
  clients: { a: rt.httpClient() },
})
const traced = rt.createNetworkManager({
  defaults: { baseUrl: base, fetch: stub },
  features: [rt.rateLimiting],
  policy: { maxConcurrent: 64, rateLimit: {} },
  clients: { a: rt.httpClient() },
})
rt.instrumentOpenTelemetry(traced, tracer)

const clients = {
  'createHttpClient alone': () => plain.get('/pets/1'),
  'held by a manager (breaker)': () => held.get('a').get('/pets/1'),
  '+ concurrency and rate limit': () => limited.get('a').get('/pets/1'),
  '+ OpenTelemetry spans': () => traced.get('a').get('/pets/1'),
}
const results = Object.fromEntries(Object.keys(clients).map((k) => [k, []]))
for (let r = 0; r < Number(values.rounds); r++) {
  for (const [name, call] of Object.entries(clients)) {
    for (let i = 0; i < 2000; i++) await call()
    const c0 = process.cpuUsage()
    for (let i = 0; i < N; i++) await call()
    const c = process.cpuUsage(c0)
    results[name].push((c.user + c.system) / N)
  }
}
const median = (xs) => xs.slice().sort((a, b) => a - b)[Math.floor(xs.length / 2)]
console.log(`node ${process.version}; ${N} calls × ${values.rounds} rounds; median CPU µs per call with fetch stubbed`)
console.log('| client | CPU µs/call | over the client alone |\n|---|---|---|')
const baseline = median(results['createHttpClient alone'])
for (const [name, xs] of Object.entries(results)) console.log(`| ${name} | ${median(xs).toFixed(1)} | +${(median(xs) - baseline).toFixed(1)} |`)
await Promise.all([held.closeAll(), limited.closeAll(), traced.closeAll()])
