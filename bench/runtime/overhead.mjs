// Client overhead alone: every client gets a stubbed `fetch` that answers at once with a fresh JSON
// Response, so only the wrapper's own work is timed (as openapi-fetch's benchmark does).
//   node bench/runtime/overhead.mjs [--n 20000] [--rounds 5] [--before DIR]
// --before DIR: also time the runtime in DIR/runtime (`git archive <commit> runtime | tar -x -C DIR`).
import { existsSync, mkdirSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'
import { parseArgs } from 'node:util'
import { build } from 'esbuild'

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..')
const { values } = parseArgs({
  options: { n: { type: 'string', default: '20000' }, rounds: { type: 'string', default: '5' }, before: { type: 'string' } },
})
const N = Number(values.n)
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
  // Both entries, as bench/runtime/entry.ts (createApi moved to runtime/internal), when the tree has it.
  const entries = existsSync(join(values.before, 'runtime/internal.ts')) ? ['index', 'internal'] : ['index']
  await build({
    stdin: { contents: entries.map((e) => `export * from './runtime/${e}'`).join('\n'), resolveDir: values.before, loader: 'ts' },
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
const { createFetch } = await import('ofetch')
const { default: ky } = await import('ky')

const payload = JSON.stringify({ id: 1, name: 'rex', tags: ['a', 'b'] })
const stub = async () => new Response(payload, { status: 200, headers: { 'content-type': 'application/json' } })
globalThis.fetch = stub // ky and raw fetch read the global
const base = 'http://api.test'
const ofetch = createFetch({ fetch: stub })
const kyClient = ky.create({ retry: 0 })
const ours = runtime.createHttpClient({ baseUrl: base, fetch: stub })
const oursNoTimer = runtime.createHttpClient({ baseUrl: base, fetch: stub, timeout: 0 })
const api = runtime.createApi({ name: 'b', servers: [{ url: base }] })
const op = api.operation({
  id: 'showPet',
  method: 'GET',
  path: '/pets/{petId}',
  params: [
    { name: 'petId', in: 'path', required: true },
    { name: 'limit', in: 'query' },
  ],
})
api.configure({ fetch: stub })

const clients = {
  'fetch (stub)': async () => (await fetch(`${base}/pets/1?limit=10`)).json(),
  ofetch: () => ofetch(`${base}/pets/1?limit=10`),
  'ofetch with timeout': () => ofetch(`${base}/pets/1?limit=10`, { timeout: 30_000 }),
  'ky 1.14': () => kyClient.get(`${base}/pets/1?limit=10`).json(),
  'runtime createHttpClient': () => ours.get('/pets/1?limit=10'),
  'runtime createHttpClient, timeout 0': () => oursNoTimer.get('/pets/1?limit=10'),
  'runtime generated operation': () => op({ path: { petId: 1 }, query: { limit: 10 } }),
}
if (before) {
  const old = before.createHttpClient({ baseUrl: base, fetch: stub })
  const oldNoTimer = before.createHttpClient({ baseUrl: base, fetch: stub, timeout: 0 })
  const oldApi = before.createApi({ name: 'b', servers: [{ url: base }] })
  const oldOp = oldApi.operation(op.def)
  oldApi.configure({ fetch: stub })
  clients['before: runtime createHttpClient'] = () => old.get('/pets/1?limit=10')
  clients['before: runtime createHttpClient, timeout 0'] = () => oldNoTimer.get('/pets/1?limit=10')
  clients['before: runtime generated operation'] = () => oldOp({ path: { petId: 1 }, query: { limit: 10 } })
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
console.log('| client | CPU µs/call | over stub fetch |\n|---|---|---|')
const baseline = median(results['fetch (stub)'])
for (const [name, xs] of Object.entries(results)) console.log(`| ${name} | ${median(xs).toFixed(1)} | +${(median(xs) - baseline).toFixed(1)} |`)
