// HTTP client overhead on loopback: requests/s and client CPU per request, sequential keep-alive
// and 64 concurrent, for raw fetch, raw ofetch, ky, axios and our runtime (hand client and a
// generated-style operation), interleaved over rounds with the order rotated; medians reported.
//
//   node bench/runtime/http.mjs [--rounds 3] [--seq 2000] [--conc 8000] [--json out.json] [--before DIR] [--only REGEX]
//
// --only REGEX: only the clients whose names match (ofetch, the ratios' reference, always runs): a
// focused A/B gets more rounds in the same time.
// --before DIR: also measure the runtime found in DIR/runtime (e.g. `git archive <commit> runtime |
// tar -x -C DIR`), so a change is compared with what it replaces in the same run.
//
// The server runs in its own process (pinned to CPU 0 when taskset exists; the client to CPU 1).
import { mkdirSync, writeFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'
import { parseArgs } from 'node:util'
import { build } from 'esbuild'
import { PET_PATH, printTable, runRounds, showPetOperation, startPetServer } from './loopback.mjs'

const here = dirname(fileURLToPath(import.meta.url))
const root = join(here, '..', '..')
const { values } = parseArgs({
  options: {
    rounds: { type: 'string', default: '3' },
    seq: { type: 'string', default: '2000' },
    conc: { type: 'string', default: '8000' },
    json: { type: 'string' },
    before: { type: 'string' },
    only: { type: 'string' },
  },
})
const ROUNDS = Number(values.rounds)
const SEQ = Number(values.seq)
const CONC = Number(values.conc)

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

const server = await startPetServer(here)
const { base, url } = server

const ours = runtime.createHttpClient({ baseUrl: base })
const oursNoTimer = runtime.createHttpClient({ baseUrl: base, timeout: 0 })
const api = runtime.createApi({ name: 'bench', servers: [{ url: base }] })
const showPet = showPetOperation(api)
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
  'runtime createHttpClient': () => ours.get(PET_PATH),
  'runtime createHttpClient, timeout 0': () => oursNoTimer.get(PET_PATH),
  'runtime generated operation': () => showPet({ path: { petId: 1 }, query: { limit: 10 } }),
}
if (before) {
  const oursBefore = before.createHttpClient({ baseUrl: base })
  clients['before: runtime createHttpClient'] = () => oursBefore.get(PET_PATH)
}

const only = values.only === undefined ? undefined : new RegExp(values.only)
const names = Object.keys(clients).filter((n) => !only || n === 'ofetch' || only.test(n))
const { results, summary } = await runRounds(clients, names, { rounds: ROUNDS, seq: SEQ, conc: CONC })
server.stop()
printTable(summary, 'ofetch', { rounds: ROUNDS, seq: SEQ, conc: CONC })
if (values.json) writeFileSync(values.json, JSON.stringify({ node: process.version, rounds: ROUNDS, seq: SEQ, conc: CONC, results, summary }, null, 2))
process.exit(0)
