// The regenerate phase of an HMR update, per corpus document (not a test):
//   node bench/hmr/regenerate.mjs [--rounds=5] [--only=stripe] [--before=DIR]
// In a fresh process per build: one first load (the dev server's start), then rounds of "the file
// changed": read + parse, validate, convert, generate, as the plugin's hook does. Edits rename the
// first path back and forth. --before=DIR runs another checkout's sources too, interleaved. It
// leaves out Vite and the browser (bench/hmr/run.mjs measures those: ~15–20 ms). docs/benchmarks/hmr.md.
import { spawnSync } from 'node:child_process'
import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { buildOurs } from '../codegen/build-ours.mjs'

const ROOT = join(import.meta.dirname, '../..')
const CORPUS = join(ROOT, 'test/fixtures/corpus/openapi')
const arg = (name, fallback) => process.argv.find((a) => a.startsWith(`--${name}=`))?.slice(name.length + 3) ?? fallback
const ROUNDS = Number(arg('rounds', 5))
const only = arg('only')
const before = arg('before')

if (process.argv[2] === '--probe') {
  await probe(process.argv[3], process.argv[4], process.argv[5])
} else {
  await main()
}

async function main() {
  await buildOurs()
  if (before) await buildOurs({ root: before, outDir: join(import.meta.dirname, '../codegen/.build-before') })
  const rows = []
  for (const file of readdirSync(CORPUS).filter((f) => /\.(ya?ml|json)$/.test(f))) {
    const name = file.replace(/\.[^.]+$/, '')
    if (only && !name.includes(only)) continue
    const builds = before ? ['.build', '.build-before'] : ['.build']
    const results = {}
    // Interleaved: after, before, before, after…
    for (const [index, build] of [...builds, ...builds.toReversed()].entries()) {
      if (!before && index > 0) break
      const result = run(build, join(CORPUS, file), name)
      if (result) (results[build] ??= []).push(...result)
    }
    const after = results['.build']
    if (!after) {
      rows.push(`| ${name} | fails |${before ? ' |' : ''} |`)
      continue
    }
    const old = results['.build-before']
    const med = (list, key) => median(list.map((r) => r[key])).toFixed(0)
    rows.push(
      `| ${name} | ${med(after, 'ms')} |${before ? ` ${old ? med(old, 'ms') : 'fails'} |` : ''} ${med(after, 'loadMs')} / ${med(after, 'validateMs')} / ${med(after, 'convertMs')} / ${med(after, 'generateMs')} |`,
    )
    console.error(rows.at(-1))
  }
  console.log(`Median of ${before ? 2 * ROUNDS : ROUNDS} regenerations after a first load, ms (Node ${process.version}).\n`)
  console.log(`| document | regenerate |${before ? ' before (--before) |' : ''} load / validate / convert / generate |`)
  console.log(`|---|---|${before ? '---|' : ''}---|`)
  console.log(rows.join('\n'))
}

function run(build, spec, name) {
  const result = spawnSync(process.execPath, ['--max-old-space-size=4096', import.meta.filename, '--probe', build, spec, name, `--rounds=${ROUNDS}`], {
    cwd: ROOT,
    encoding: 'utf8',
    maxBuffer: 64 << 20,
  })
  const line = result.stdout.trim().split('\n').at(-1)
  return result.status === 0 && line?.startsWith('[') ? JSON.parse(line) : undefined
}

async function probe(build, spec, name) {
  const { loadDocument, validateDocument, toOpenApi3, generateApi } = await import(join(import.meta.dirname, '../codegen', build, 'ours.mjs'))
  const { mkdirSync, writeFileSync } = await import('node:fs')
  const dir = join(ROOT, 'bench/.results-tmp/regenerate', `${name}-${process.pid}`)
  mkdirSync(dir, { recursive: true })
  const copy = join(dir, spec.slice(spec.lastIndexOf('/') + 1))
  let text = readFileSync(spec, 'utf8')
  const key = Object.keys((await loadDocument(spec, { api: name, allowRemote: [], allowRefsFrom: [] })).document.paths ?? {})[0]
  const once = async () => {
    const phases = {}
    let start = performance.now()
    const loaded = await loadDocument(copy, { api: name, allowRemote: [], allowRefsFrom: [] })
    phases.loadMs = performance.now() - start
    start = performance.now()
    await validateDocument(name, loaded)
    phases.validateMs = performance.now() - start
    start = performance.now()
    const document = await toOpenApi3(name, copy, loaded.document)
    phases.convertMs = performance.now() - start
    start = performance.now()
    await generateApi({ name, document })
    phases.generateMs = performance.now() - start
    phases.ms = phases.loadMs + phases.validateMs + phases.convertMs + phases.generateMs
    return phases
  }
  writeFileSync(copy, text)
  await once()
  const out = []
  for (let round = 0; round < ROUNDS; round++) {
    // Rename the first path (as written, JSON or YAML) back and forth: the generated code changes.
    if (key) {
      const [from, to] = round % 2 === 0 ? [key, `${key}_renamed`] : [`${key}_renamed`, key]
      text = text.replace(new RegExp(`(["']?)${escapeRegExp(from)}\\1(\\s*):`), `$1${to}$1$2:`)
    }
    writeFileSync(copy, text)
    out.push(await once())
  }
  console.log(JSON.stringify(out))
}

function escapeRegExp(text) {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
}

function median(values) {
  const sorted = [...values].sort((a, b) => a - b)
  return sorted[Math.floor(sorted.length / 2)]
}
