// Cold generation over the whole corpus (not a test):
//   node bench/codegen/cold.mjs [--runs=3] [--only=stripe] [--skip=kubernetes] [--before=DIR]
// For every OpenAPI 3.x document of test/fixtures/corpus/openapi (and GitHub's), in fresh processes,
// interleaved: our generator with an empty cache (the plugin's own path, ApiContext.load, no disk
// writes), and openapi-typescript alone; the median of each, the ratio, and, from a third fresh
// process, our time split by phase (parse, load, validate, convert, generate). Swagger 2.0 documents
// are generated too, with no openapi-typescript figure (it reads 3.x only). --before=DIR also runs the
// generator of another checkout (e.g. a worktree of main), interleaved, for a before/after column.
// See docs/benchmarks/codegen.md.
import { spawnSync } from 'node:child_process'
import { readdirSync, readFileSync, rmSync } from 'node:fs'
import { join } from 'node:path'
import { buildOurs } from './build-ours.mjs'

const ROOT = join(import.meta.dirname, '../..')
const CORPUS = join(ROOT, 'test/fixtures/corpus/openapi')
const TMP = join(ROOT, 'bench/.results-tmp/cold')
const RUNS = Number(process.argv.find((a) => a.startsWith('--runs='))?.slice(7) ?? 3)
const only = process.argv.find((a) => a.startsWith('--only='))?.slice(7)
const before = process.argv.find((a) => a.startsWith('--before='))?.slice(9)
const skip = process.argv.find((a) => a.startsWith('--skip='))?.slice(7)

const docs = readdirSync(CORPUS)
  .filter((f) => /\.(ya?ml|json)$/.test(f))
  .map((f) => ({ name: f.replace(/\.[^.]+$/, ''), path: join(CORPUS, f) }))
docs.push({ name: 'github', path: join(ROOT, 'node_modules/@octokit/openapi/generated/api.github.com.json') })

function probe(generator, name, spec, build = '.build') {
  const out = join(TMP, name, generator)
  const env = { ...process.env, BENCH_BUILD: build }
  const result = spawnSync(process.execPath, ['--max-old-space-size=4096', join(import.meta.dirname, 'probe.mjs'), generator, name, spec, out, ''], {
    cwd: ROOT,
    env,
    encoding: 'utf8',
    maxBuffer: 64 << 20,
  })
  const line = result.stdout.trim().split('\n').at(-1)
  return result.status === 0 && line?.startsWith('{') ? JSON.parse(line) : { error: true }
}
const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]

await buildOurs()
if (before) await buildOurs({ root: before, outDir: join(import.meta.dirname, '.build-before') })
rmSync(TMP, { recursive: true, force: true })
const rows = []
for (const doc of docs) {
  if ((only && !doc.name.includes(only)) || (skip && doc.name.includes(skip))) continue
  const openapi3 = /(?:^|[{,])\s*["']?openapi["']?\s*:\s*["']?3/m.test(readFileSync(doc.path, 'utf8'))
  const ours = []
  const phases = []
  const old = []
  const types = []
  for (let run = 0; run < RUNS; run++) {
    const order = run % 2 === 0 ? ['ours', 'old', 'types'] : ['types', 'old', 'ours']
    for (const which of order) {
      if (which === 'ours') {
        ours.push(probe('ours', doc.name, doc.path))
        phases.push(probe('ours-phases', doc.name, doc.path))
      } else if (which === 'old') {
        if (before) old.push(probe('ours', doc.name, doc.path, '.build-before'))
      } else if (openapi3) {
        types.push(probe('openapi-typescript', doc.name, doc.path))
      }
    }
  }
  if (ours.some((r) => r.error)) {
    rows.push(`| ${doc.name} | fails (a broken document) |${before ? ' |' : ''} | | |`)
    continue
  }
  const oursMs = median(ours.map((r) => r.ms))
  const typesMs = openapi3 && !types.some((r) => r.error) ? median(types.map((r) => r.ms)) : undefined
  const oldMs = before && !old.some((r) => r.error) ? median(old.map((r) => r.ms)).toFixed(0) : '—'
  const phase = (key) => (phases.some((r) => r.error) ? '—' : median(phases.map((r) => r[key])).toFixed(0))
  rows.push(
    `| ${doc.name} | ${oursMs.toFixed(0)} |${before ? ` ${oldMs} |` : ''} ${typesMs === undefined ? '—' : typesMs.toFixed(0)} | ${typesMs === undefined ? '—' : `${(oursMs / typesMs).toFixed(2)}×`} | ${phase('parseMs')} / ${phase('loadMs')} / ${phase('validateMs')} / ${phase('convertMs')} / ${phase('generateMs')} |`,
  )
  console.error(rows.at(-1))
}
console.log(`Median of ${RUNS} interleaved fresh-process runs, ms (Node ${process.version}).\n`)
console.log(
  `| document | ours, cold |${before ? ' before (--before) |' : ''} openapi-typescript alone | ratio | ours by phase: parse (cold) / load (parse again) / validate / convert / generate |`,
)
console.log(`|---|---|${before ? '---|' : ''}---|---|---|`)
console.log(rows.join('\n'))
