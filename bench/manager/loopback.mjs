// Requests per second on loopback (keep-alive), sequential and 64 concurrent: the HTTP client alone
// against the same client held by a network manager with every limit on. The server runs in its
// own process (bench/runtime/server.mjs) so its CPU is not counted.
//   node bench/manager/loopback.mjs [--seconds 3] [--rounds 3]
import { spawn } from 'node:child_process'
import { mkdirSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'
import { parseArgs } from 'node:util'
import { build } from 'esbuild'

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..')
const { values } = parseArgs({ options: { seconds: { type: 'string', default: '3' }, rounds: { type: 'string', default: '3' } } })
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
const server = spawn(process.execPath, [join(root, 'bench/runtime/server.mjs')], { stdio: ['ignore', 'pipe', 'inherit'] })
const port = await new Promise((resolve) => server.stdout.once('data', (d) => resolve(Number(String(d).trim()))))
const base = `http://127.0.0.1:${port}`

const plain = rt.createHttpClient({ baseUrl: base })
const manager = rt.createNetworkManager({
  defaults: { baseUrl: base },
  features: [rt.rateLimiting],
  policy: { maxConcurrent: 256, rateLimit: {}, breaker: {} },
  clients: { a: rt.httpClient() },
})
const managed = manager.get('a')
const clients = { 'createHttpClient alone': () => plain.get('/pets/1'), 'held by a manager, all limits on': () => managed.get('/pets/1') }

async function run(call, concurrency) {
  const end = Date.now() + Number(values.seconds) * 1000
  let done = 0
  const c0 = process.cpuUsage()
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (Date.now() < end) {
        await call()
        done++
      }
    }),
  )
  const c = process.cpuUsage(c0)
  return { rps: done / Number(values.seconds), cpu: (c.user + c.system) / done }
}
const median = (xs) => xs.slice().sort((a, b) => a - b)[Math.floor(xs.length / 2)]
console.log(`node ${process.version}; ${values.seconds} s × ${values.rounds} rounds per cell; medians`)
console.log('| client | concurrency | requests/s | client CPU µs/request |\n|---|---|---|---|')
for (const concurrency of [1, 64]) {
  for (const [name, call] of Object.entries(clients)) {
    await run(call, concurrency) // warm-up
    const rs = []
    for (let r = 0; r < Number(values.rounds); r++) rs.push(await run(call, concurrency))
    console.log(`| ${name} | ${concurrency} | ${Math.round(median(rs.map((x) => x.rps)))} | ${median(rs.map((x) => x.cpu)).toFixed(0)} |`)
  }
}
await manager.closeAll()
server.kill()
