// The Node transport (`@codomyrmex/networking/node`, undici's `request`) against Node's own fetch:
// requests/s and client CPU per request at 64 concurrent (and sequential) on a loopback keep-alive
// server, interleaved over rounds with the order rotated; medians reported.
//
//   node bench/runtime/node-transport.mjs [--rounds 5] [--seq 2000] [--conc 8000] [--json out.json] [--only regex]
//
// The server runs in its own process (pinned to CPU 0 when taskset exists; the client to CPU 1).
import { spawn } from 'node:child_process'
import { existsSync, mkdirSync, writeFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'
import { parseArgs } from 'node:util'
import { build } from 'esbuild'
import { request, Agent } from 'undici'

const here = dirname(fileURLToPath(import.meta.url))
const root = join(here, '..', '..')
const { values } = parseArgs({
  options: {
    rounds: { type: 'string', default: '5' },
    seq: { type: 'string', default: '2000' },
    conc: { type: 'string', default: '8000' },
    json: { type: 'string' },
    only: { type: 'string' },
  },
})
const ROUNDS = Number(values.rounds)
const SEQ = Number(values.seq)
const CONC = Number(values.conc)
const WORKERS = 64

// The runtime and the Node entry as users get them: bundled from source (ofetch and undici left as npm imports).
const outDir = join(root, 'node_modules', '.cache', 'bench-node-transport')
mkdirSync(outDir, { recursive: true })
await build({
  entryPoints: { runtime: join(root, 'runtime/index.ts'), node: join(root, 'runtime/node/index.ts') },
  bundle: true,
  format: 'esm',
  platform: 'node',
  outdir: outDir,
  outExtension: { '.js': '.mjs' },
  splitting: true,
  external: ['ofetch', 'undici'],
  logLevel: 'error',
})
const runtime = await import(pathToFileURL(join(outDir, 'runtime.mjs')).href)
const { createNodeFetch } = await import(pathToFileURL(join(outDir, 'node.mjs')).href)

const taskset = existsSync('/usr/bin/taskset')
const server = spawn(taskset ? 'taskset' : process.execPath, taskset ? ['-c', '0', process.execPath, join(here, 'server.mjs')] : [join(here, 'server.mjs')], {
  stdio: ['ignore', 'pipe', 'inherit'],
})
const port = await new Promise((resolve) => server.stdout.once('data', (d) => resolve(Number(String(d).trim()))))
const base = `http://127.0.0.1:${port}`
const url = `${base}/pets/1?limit=10`
if (taskset) spawn('taskset', ['-pc', '1', String(process.pid)], { stdio: 'ignore' })

const agent = new Agent()
const nodeFetch = createNodeFetch()
const onFetch = runtime.createHttpClient({ baseUrl: base })
const onNode = runtime.createHttpClient({ baseUrl: base, fetch: nodeFetch })
const onNodeNoTimer = runtime.createHttpClient({ baseUrl: base, fetch: nodeFetch, timeout: 0 })
const onNodeDeadline = runtime.createHttpClient({ baseUrl: base, fetch: nodeFetch, deadline: 60_000 })
const api = runtime.createApi({ name: 'bench', servers: [{ url: base }] })
api.configure({ fetch: nodeFetch })
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

const clients = {
  'fetch (native)': async () => (await fetch(url)).json(),
  'undici.request (raw)': async () => (await request(url, { dispatcher: agent })).body.json(),
  'runtime createHttpClient on fetch': () => onFetch.get('/pets/1?limit=10'),
  'runtime createHttpClient on node transport': () => onNode.get('/pets/1?limit=10'),
  'runtime on node transport, timeout 0': () => onNodeNoTimer.get('/pets/1?limit=10'),
  'runtime on node transport, deadline 60 s': () => onNodeDeadline.get('/pets/1?limit=10'),
  'runtime generated operation on node transport': () => showPet({ path: { petId: 1 }, query: { limit: 10 } }),
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
const names = Object.keys(clients).filter((n) => n === 'fetch (native)' || !values.only || new RegExp(values.only).test(n))
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
await nodeFetch.close()

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
const ref = summary['fetch (native)']
const fmt = (x, d = 0) => x.toLocaleString('en-US', { maximumFractionDigits: d, minimumFractionDigits: d })
console.log(`node ${process.version}, ${ROUNDS} rounds, sequential ×${SEQ}, ${WORKERS} concurrent ×${CONC}; medians; ratio = req/s ÷ native fetch`)
console.log('| client | sequential req/s | ratio | CPU µs/req | 64 concurrent req/s | ratio | CPU µs/req |')
console.log('|---|---|---|---|---|---|---|')
for (const [n, s] of Object.entries(summary)) {
  console.log(
    `| ${n} | ${fmt(s.seqRps)} | ${fmt(s.seqRps / ref.seqRps, 2)} | ${fmt(s.seqCpuUs)} | ${fmt(s.concRps)} | ${fmt(s.concRps / ref.concRps, 2)} | ${fmt(s.concCpuUs)} |`,
  )
}
if (values.json) writeFileSync(values.json, JSON.stringify({ node: process.version, rounds: ROUNDS, seq: SEQ, conc: CONC, results, summary }, null, 2))
process.exit(0)
