// HTTP client overhead on loopback: requests/s and client CPU per request, sequential keep-alive
// and 64 concurrent, for raw fetch, raw ofetch, ky, axios and our runtime (hand client and a
// generated-style operation), interleaved over rounds with the order rotated; medians reported.
//
//   node bench/runtime/http.mjs [--rounds 3] [--seq 2000] [--conc 8000] [--json out.json] [--before DIR]
//
// --before DIR: also measure the runtime found in DIR/runtime (e.g. `git archive <commit> runtime |
// tar -x -C DIR`), so a change is compared with what it replaces in the same run.
//
// The server runs in its own process (pinned to CPU 0 when taskset exists; the client to CPU 1).
import { spawn } from 'node:child_process'
import { existsSync, mkdirSync, writeFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'
import { parseArgs } from 'node:util'
import { build } from 'esbuild'

const here = dirname(fileURLToPath(import.meta.url))
const root = join(here, '..', '..')
const { values } = parseArgs({
  options: {
    rounds: { type: 'string', default: '3' },
    seq: { type: 'string', default: '2000' },
    conc: { type: 'string', default: '8000' },
    json: { type: 'string' },
    before: { type: 'string' },
  },
})
const ROUNDS = Number(values.rounds)
const SEQ = Number(values.seq)
const CONC = Number(values.conc)
const WORKERS = 64

// Our runtime as users get it: bundled from source (ofetch left as an npm import).
const outDir = join(root, 'node_modules', '.cache', 'bench-runtime')
mkdirSync(outDir, { recursive: true })
await build({
  entryPoints: [join(root, 'bench/runtime/entry.ts')],
  bundle: true,
  format: 'esm',
  platform: 'neutral',
  outfile: join(outDir, 'runtime.mjs'),
  external: ['ofetch'],
  logLevel: 'error',
})
const runtime = await import(pathToFileURL(join(outDir, 'runtime.mjs')).href)
let before
if (values.before) {
  await build({
    entryPoints: [join(values.before, 'runtime/index.ts')],
    bundle: true,
    format: 'esm',
    platform: 'neutral',
    outfile: join(outDir, 'runtime-before.mjs'),
    external: ['ofetch'],
    nodePaths: [join(root, 'node_modules')],
    logLevel: 'error',
  })
  before = await import(pathToFileURL(join(outDir, 'runtime-before.mjs')).href)
}
const { ofetch } = await import('ofetch')
const { default: ky } = await import('ky')
const { default: axios } = await import('axios')

const taskset = existsSync('/usr/bin/taskset')
const server = spawn(taskset ? 'taskset' : process.execPath, taskset ? ['-c', '0', process.execPath, join(here, 'server.mjs')] : [join(here, 'server.mjs')], {
  stdio: ['ignore', 'pipe', 'inherit'],
})
const port = await new Promise((resolve) => server.stdout.once('data', (d) => resolve(Number(String(d).trim()))))
const base = `http://127.0.0.1:${port}`
const url = `${base}/pets/1?limit=10`
if (taskset) spawn('taskset', ['-pc', '1', String(process.pid)], { stdio: 'ignore' })

const ours = runtime.createHttpClient({ baseUrl: base })
const oursNoTimer = runtime.createHttpClient({ baseUrl: base, timeout: 0 })
const api = runtime.createApi({ name: 'bench', servers: [{ url: base }] })
const showPet = api.operation({
  id: 'showPet',
  method: 'GET',
  path: '/pets/{petId}',
  params: [
    { name: 'petId', in: 'path', required: true },
    { name: 'limit', in: 'query' },
  ],
  responses: { 200: { contentTypes: ['application/json'] } },
})
const kyClient = ky.create({ retry: 0 })

const clients = {
  'fetch (native)': async () => (await fetch(url)).json(),
  // What cancelling a timed-out request costs on Node's fetch (undici links every signal it is handed).
  'fetch, AbortController + 30 s timer per request': async () => {
    const controller = new AbortController()
    const timer = setTimeout(() => controller.abort(), 30_000)
    try {
      return await (await fetch(url, { signal: controller.signal })).json()
    } finally {
      clearTimeout(timer)
    }
  },
  'fetch, AbortSignal.timeout(30 s)': async () => (await fetch(url, { signal: AbortSignal.timeout(30_000) })).json(),
  ofetch: () => ofetch(url),
  'ofetch, timeout 30 s': () => ofetch(url, { timeout: 30_000 }),
  'ky 1.14': () => kyClient.get(url).json(),
  'axios 1.21': async () => (await axios.get(url)).data,
  'runtime createHttpClient': () => ours.get('/pets/1?limit=10'),
  'runtime createHttpClient, timeout 0': () => oursNoTimer.get('/pets/1?limit=10'),
  'runtime generated operation': () => showPet({ path: { petId: 1 }, query: { limit: 10 } }),
}
if (before) {
  const oursBefore = before.createHttpClient({ baseUrl: base })
  clients['before: runtime createHttpClient'] = () => oursBefore.get('/pets/1?limit=10')
}

async function measure(call, total, workers) {
  let next = 0
  const start = process.hrtime.bigint()
  const cpu0 = process.cpuUsage()
  await Promise.all(
    Array.from({ length: workers }, async () => {
      while (next++ < total) {
        const data = await call()
        if (data?.id !== 1) throw new Error('bad response')
      }
    }),
  )
  const cpu = process.cpuUsage(cpu0)
  const seconds = Number(process.hrtime.bigint() - start) / 1e9
  return { rps: total / seconds, cpuUsPerReq: (cpu.user + cpu.system) / total }
}

const results = Object.fromEntries(Object.keys(clients).map((k) => [k, { seq: [], conc: [] }]))
const names = Object.keys(clients)
for (let round = 0; round < ROUNDS; round++) {
  const order = names.slice(round % names.length).concat(names.slice(0, round % names.length))
  for (const name of order) {
    await measure(clients[name], 300, 8) // warm-up: JIT and keep-alive pool
    results[name].seq.push(await measure(clients[name], SEQ, 1))
    results[name].conc.push(await measure(clients[name], CONC, WORKERS))
  }
  process.stderr.write(`round ${round + 1}/${ROUNDS} done\n`)
}
server.kill()

const median = (xs) => xs.slice().sort((a, b) => a - b)[Math.floor(xs.length / 2)]
const summary = Object.fromEntries(
  names.map((n) => [
    n,
    {
      seqRps: median(results[n].seq.map((r) => r.rps)),
      seqCpuUs: median(results[n].seq.map((r) => r.cpuUsPerReq)),
      concRps: median(results[n].conc.map((r) => r.rps)),
      concCpuUs: median(results[n].conc.map((r) => r.cpuUsPerReq)),
    },
  ]),
)
const ref = summary.ofetch
const fmt = (x, d = 0) => x.toLocaleString('en-US', { maximumFractionDigits: d, minimumFractionDigits: d })
console.log(`node ${process.version}, ${ROUNDS} rounds, sequential ×${SEQ}, ${WORKERS} concurrent ×${CONC}; medians; ratio = req/s ÷ raw ofetch`)
console.log('| client | sequential req/s | ratio | CPU µs/req | 64 concurrent req/s | ratio | CPU µs/req |')
console.log('|---|---|---|---|---|---|---|')
for (const [n, s] of Object.entries(summary)) {
  console.log(
    `| ${n} | ${fmt(s.seqRps)} | ${fmt(s.seqRps / ref.seqRps, 2)} | ${fmt(s.seqCpuUs)} | ${fmt(s.concRps)} | ${fmt(s.concRps / ref.concRps, 2)} | ${fmt(s.concCpuUs)} |`,
  )
}
if (values.json) writeFileSync(values.json, JSON.stringify({ node: process.version, rounds: ROUNDS, seq: SEQ, conc: CONC, results, summary }, null, 2))
process.exit(0)
