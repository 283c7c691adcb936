// The Node transport (`@codomyrmex/networking/node`, undici's `request`) against Node's own fetch:
// requests/s and client CPU per request at 64 concurrent (and sequential) on a loopback keep-alive
// server, interleaved over rounds with the order rotated; medians reported.
//
//   node bench/runtime/node-transport.mjs [--rounds 5] [--seq 2000] [--conc 8000] [--json out.json] [--only regex]
//
// The server runs in its own process (pinned to CPU 0 when taskset exists; the client to CPU 1).
import { mkdirSync, writeFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'
import { parseArgs } from 'node:util'
import { build } from 'esbuild'
import { PET_PATH, printTable, runRounds, showPetOperation, startPetServer } from './loopback.mjs'
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

// The runtime and the Node entry as users get them: bundled from source (ofetch and undici left as npm imports).
const outDir = join(root, 'node_modules', '.cache', 'bench-node-transport')
mkdirSync(outDir, { recursive: true })
await build({
  entryPoints: { runtime: join(root, 'bench/runtime/entry.ts'), node: join(root, 'runtime/node/index.ts') },
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

const server = await startPetServer(here)
const { base, url } = server

const agent = new Agent()
const nodeFetch = createNodeFetch()
const onFetch = runtime.createHttpClient({ baseUrl: base })
const onNode = runtime.createHttpClient({ baseUrl: base, fetch: nodeFetch })
const onNodeNoTimer = runtime.createHttpClient({ baseUrl: base, fetch: nodeFetch, timeout: 0 })
const onNodeDeadline = runtime.createHttpClient({ baseUrl: base, fetch: nodeFetch, deadline: 60_000 })
const api = runtime.createApi({ name: 'bench', servers: [{ url: base }] })
api.configure({ fetch: nodeFetch })
const showPet = showPetOperation(api)

const clients = {
  'fetch (native)': async () => (await fetch(url)).json(),
  'undici.request (raw)': async () => (await request(url, { dispatcher: agent })).body.json(),
  'runtime createHttpClient on fetch': () => onFetch.get(PET_PATH),
  'runtime createHttpClient on node transport': () => onNode.get(PET_PATH),
  'runtime on node transport, timeout 0': () => onNodeNoTimer.get(PET_PATH),
  'runtime on node transport, deadline 60 s': () => onNodeDeadline.get(PET_PATH),
  'runtime generated operation on node transport': () => showPet({ path: { petId: 1 }, query: { limit: 10 } }),
}

const names = Object.keys(clients).filter((n) => n === 'fetch (native)' || !values.only || new RegExp(values.only).test(n))
const { results, summary } = await runRounds(clients, names, { rounds: ROUNDS, seq: SEQ, conc: CONC })
server.stop()
await nodeFetch.close()
printTable(summary, 'fetch (native)', { rounds: ROUNDS, seq: SEQ, conc: CONC })
if (values.json) writeFileSync(values.json, JSON.stringify({ node: process.version, rounds: ROUNDS, seq: SEQ, conc: CONC, results, summary }, null, 2))
process.exit(0)
