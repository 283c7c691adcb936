// Code generation benchmark (not a test): node bench/codegen/run.mjs [--specs stripe,kubernetes,github]
// For each document, in fresh processes: our generator cold (empty cache) and warm (cache hit),
// openapi-typescript alone and @hey-api/openapi-ts, each with wall time and peak RSS; then
// `tsc --noEmit --strict` of a small app importing each generated client, and the minified +
// gzipped size of an esbuild bundle importing one operation. Prints a Markdown table and writes
// bench/.results-tmp/codegen.json. See docs/benchmarks/codegen.md.
import { execFileSync, spawnSync } from 'node:child_process'
import { existsSync, mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { gzipSync } from 'node:zlib'
import { buildOurs } from './build-ours.mjs'

const ROOT = join(import.meta.dirname, '../..')
const TMP = join(ROOT, 'bench/.results-tmp/codegen')
const CORPUS = join(ROOT, 'test/fixtures/corpus/openapi')
const SPECS = {
  stripe: { path: join(CORPUS, 'stripe-spec3.yaml'), op: 'GetCustomers', openapi3: true },
  kubernetes: { path: join(CORPUS, 'kubernetes-swagger.json'), op: 'listCoreV1Namespace', openapi3: false },
  github: { path: join(ROOT, 'node_modules/@octokit/openapi/generated/api.github.com.json'), op: 'repos/get', openapi3: true },
}
const wanted = (process.argv.find((a) => a.startsWith('--specs='))?.slice(8) ?? Object.keys(SPECS).join(',')).split(',')
// Ours and openapi-typescript run RUNS times, interleaved, and report the median (shared machines are noisy);
// hey-api is far slower and runs once.
const RUNS = Number(process.argv.find((a) => a.startsWith('--runs='))?.slice(7) ?? 3)

function median(results) {
  const ok = results.filter((r) => !r.error)
  if (ok.length === 0) return results[0]
  const sorted = [...ok].sort((a, b) => a.ms - b.ms)
  const mid = sorted[Math.floor(sorted.length / 2)]
  return { ...mid, min: sorted[0].ms, max: sorted.at(-1).ms, runs: ok.length }
}

function probe(generator, name, spec, outDir, cacheDir = '', env = {}) {
  const result = spawnSync(process.execPath, ['--max-old-space-size=4096', join(import.meta.dirname, 'probe.mjs'), generator, name, spec, outDir, cacheDir], {
    cwd: ROOT,
    env: { ...process.env, ...env },
    encoding: 'utf8',
    maxBuffer: 64 << 20,
  })
  const line = result.stdout.trim().split('\n').at(-1)
  if (result.status !== 0 || !line?.startsWith('{')) return { error: (result.stderr || result.stdout).trim().split('\n').slice(-3).join(' ') }
  return JSON.parse(line)
}

function tsc(dir) {
  const start = performance.now()
  const result = spawnSync(process.execPath, [join(ROOT, 'node_modules/typescript/bin/tsc'), '-p', dir], { encoding: 'utf8', maxBuffer: 64 << 20 })
  return { s: (performance.now() - start) / 1000, errors: (result.stdout.match(/error TS/g) ?? []).length }
}

function writeTsconfig(dir, files) {
  writeFileSync(
    join(dir, 'tsconfig.json'),
    JSON.stringify({
      compilerOptions: {
        strict: true,
        noEmit: true,
        target: 'es2022',
        module: 'preserve',
        moduleResolution: 'bundler',
        lib: ['es2022', 'dom', 'dom.iterable'],
        types: [],
        skipLibCheck: false,
      },
      files,
    }),
  )
}

const camel = (id) =>
  /^[A-Za-z_][\w]*$/.test(id)
    ? id
    : id
        .split(/[^A-Za-z\d]+/)
        .filter(Boolean)
        .map((w, i) => (i === 0 ? w[0].toLowerCase() + w.slice(1) : w[0].toUpperCase() + w.slice(1)))
        .join('')

async function bundleSize(entry, plugins, cwd) {
  const { build } = await import('esbuild')
  const result = await build({
    stdin: { contents: entry, resolveDir: cwd, loader: 'ts' },
    bundle: true,
    minify: true,
    format: 'esm',
    platform: 'browser',
    write: false,
    plugins,
    logLevel: 'silent',
  })
  const bytes = result.outputFiles[0].contents
  return { min: bytes.length, gzip: gzipSync(bytes).length }
}

if (!existsSync(join(ROOT, 'dist/plugin/esbuild.mjs'))) execFileSync('npm', ['run', 'build'], { cwd: ROOT, stdio: 'inherit' })
await buildOurs()
rmSync(TMP, { recursive: true, force: true })
mkdirSync(TMP, { recursive: true })
const { default: networking } = await import('@codomyrmex/networking/esbuild')
const rows = []

for (const name of wanted) {
  const spec = SPECS[name]
  const dir = (generator) => join(TMP, name, generator)
  const cache = join(TMP, name, 'cache')
  console.error(`[bench] ${name}`)
  const colds = []
  const warms = []
  const typeRuns = []
  for (let run = 0; run < RUNS; run++) {
    const order = run % 2 === 0 ? ['ours', 'types'] : ['types', 'ours']
    for (const which of order) {
      if (which === 'ours') {
        rmSync(cache, { recursive: true, force: true })
        colds.push(probe('ours', name, spec.path, dir('ours'), cache))
        warms.push(probe('ours', name, spec.path, dir('ours'), cache))
      } else if (spec.openapi3) {
        typeRuns.push(probe('openapi-typescript', name, spec.path, dir('openapi-typescript')))
      }
    }
  }
  const cold = median(colds)
  const warm = median(warms)
  const types = spec.openapi3 ? median(typeRuns) : { error: 'Swagger 2.0 is not supported by openapi-typescript 7' }
  const hey = probe('hey-api', name, spec.path, dir('hey-api'))
  const phases = probe('ours-phases', name, spec.path, dir('ours-phases'))

  // tsc: an app importing the generated client.
  const op = camel(spec.op)
  writeFileSync(
    join(dir('ours'), 'app.ts'),
    `import api, { ${op} } from './${name}.js'\napi.configure({ baseUrl: 'http://127.0.0.1' })\nexport const call = ${op}.safe\n`,
  )
  writeTsconfig(dir('ours'), ['app.ts'])
  const oursTsc = cold.error ? { error: 'no output' } : tsc(dir('ours'))
  // The same app against a client generated with \`operations: [that one operation]\`.
  const subset = probe('ours-subset', name, spec.path, dir('ours-subset'), '', { BENCH_OPERATIONS: spec.op })
  writeFileSync(join(dir('ours-subset'), 'app.ts'), readFileSync(join(dir('ours'), 'app.ts')))
  writeTsconfig(dir('ours-subset'), ['app.ts'])
  const subsetTsc = subset.error ? { error: 'no output' } : tsc(dir('ours-subset'))
  let typesTsc = { error: types.error ? 'no output' : undefined }
  if (!types.error) {
    writeFileSync(join(dir('openapi-typescript'), 'app.ts'), `import type { paths } from './${name}.js'\nexport type Some = paths[keyof paths]\n`)
    writeTsconfig(dir('openapi-typescript'), ['app.ts'])
    typesTsc = tsc(dir('openapi-typescript'))
  }
  let heyTsc = { error: 'no output' }
  let heyOp
  if (!hey.error) {
    const sdk = readFileSync(join(dir('hey-api'), 'sdk.gen.ts'), 'utf8')
    heyOp = [...sdk.matchAll(/export const (\w+) =/g)].map((m) => m[1]).find((n) => n.toLowerCase() === op.toLowerCase())
    writeFileSync(join(dir('hey-api'), 'app.ts'), `import { ${heyOp} } from './sdk.gen'\nexport const call = () => ${heyOp}`)
    writeTsconfig(dir('hey-api'), ['app.ts'])
    heyTsc = tsc(dir('hey-api'))
  }

  // One operation, bundled for the browser.
  const oursSize = await bundleSize(
    `import { ${op} } from 'virtual:api/${name}'\nexport const call = () => ${op}()`,
    [networking({ apis: { [name]: spec.path }, dts: false, cacheDir: cache })],
    ROOT,
  )
  const heySize = heyOp ? await bundleSize(`import { ${heyOp} } from './sdk.gen'\nexport const call = () => ${heyOp}()`, [], dir('hey-api')) : undefined

  rows.push({
    name,
    cold,
    warm,
    types,
    hey,
    phases,
    oursTsc,
    subset,
    subsetTsc,
    typesTsc,
    heyTsc,
    oursSize,
    heySize,
    sizes: Object.fromEntries(
      ['ours', 'ours-subset', 'openapi-typescript', 'hey-api'].map((g) => [
        g,
        existsSync(dir(g))
          ? readdirSync(dir(g))
              .filter((f) => /\.(d\.ts|ts|js)$/.test(f) && f !== 'app.ts')
              .reduce((n, f) => n + readFileSync(join(dir(g), f)).length, 0)
          : 0,
      ]),
    ),
  })
}

const s = (ms) => (ms === undefined ? '—' : `${(ms / 1000).toFixed(2)} s`)
const range = (r) => (r?.runs > 1 ? ` (${(r.min / 1000).toFixed(2)}–${(r.max / 1000).toFixed(2)})` : '')
const mb = (r) => (r?.maxRssMB === undefined ? '—' : `${r.maxRssMB} MB`)
const err = (r) => (r?.error ? `fails: ${r.error.slice(0, 80)}` : undefined)
const out = [
  `Median of ${RUNS} interleaved runs (min–max) for ours and openapi-typescript; hey-api once. tsc and bundles once.`,
  '',
  '| document | generator | generation | peak RSS | output KB | tsc --noEmit (app) | tsc errors | one-op bundle min / gzip |',
  '|---|---|---|---|---|---|---|---|',
]
for (const r of rows) {
  out.push(
    `| ${r.name} | ours, cold (empty cache) | ${err(r.cold) ?? s(r.cold.ms) + range(r.cold)} | ${mb(r.cold)} | ${Math.round(r.sizes.ours / 1024)} | ${r.oursTsc.s?.toFixed(2) ?? '—'} s | ${r.oursTsc.errors ?? '—'} | ${r.oursSize.min} / ${r.oursSize.gzip} B |`,
  )
  if (!r.phases.error) {
    const p = r.phases
    out.push(
      `| ${r.name} | ours, cold, by phase: parse ${s(p.parseMs)} (of load ${s(p.loadMs)}), validate ${s(p.validateMs)}, convert ${s(p.convertMs)}, generate ${s(p.generateMs)} | ${s(p.ms)} | ${mb(p)} | | | | |`,
    )
  }
  out.push(`| ${r.name} | ours, warm (disk cache hit, new process) | ${err(r.warm) ?? `${r.warm.ms.toFixed(0)} ms`} | ${mb(r.warm)} | | | | |`)
  out.push(`| ${r.name} | ours, warm (same process) | ${r.cold.inProcessWarmMs === undefined ? '—' : `${r.cold.inProcessWarmMs.toFixed(1)} ms`} | | | | | |`)
  out.push(
    `| ${r.name} | ours, \`operations: ['${SPECS[r.name].op}']\` | ${err(r.subset) ?? s(r.subset.ms)} | ${mb(r.subset)} | ${Math.round(r.sizes['ours-subset'] / 1024)} | ${r.subsetTsc.s?.toFixed(2) ?? '—'} s | ${r.subsetTsc.errors ?? '—'} | |`,
  )
  out.push(
    `| ${r.name} | openapi-typescript 7.13 alone (types only) | ${err(r.types) ?? s(r.types.ms) + range(r.types)} | ${mb(r.types)} | ${Math.round(r.sizes['openapi-typescript'] / 1024)} | ${r.typesTsc.s?.toFixed(2) ?? '—'} s | ${r.typesTsc.errors ?? '—'} | — |`,
  )
  out.push(
    `| ${r.name} | @hey-api/openapi-ts 0.95 (types + sdk + client-fetch) | ${err(r.hey) ?? s(r.hey.ms)} | ${mb(r.hey)} | ${Math.round(r.sizes['hey-api'] / 1024)} | ${r.heyTsc.s?.toFixed(2) ?? '—'} s | ${r.heyTsc.errors ?? '—'} | ${r.heySize ? `${r.heySize.min} / ${r.heySize.gzip} B` : '—'} |`,
  )
}
console.log(out.join('\n'))
writeFileSync(join(ROOT, 'bench/.results-tmp/codegen.json'), JSON.stringify({ date: new Date().toISOString(), node: process.version, rows }, null, 2))
