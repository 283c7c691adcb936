// Type-check cost of declarations that follow what the app imports (not a test):
//   node bench/codegen/dts-follow.mjs [--runs=3] [--ops=50]
// One GitHub document (@octokit/openapi), apps of 0, 1 and 50 operations, each checked with
// `tsc --noEmit --extendedDiagnostics` by TypeScript 5.9 and TypeScript 7, interleaved, against:
//   - an empty app (no declarations): the floor of tsc loading its own libs;
//   - openapi-typescript's output alone (types only, `paths[keyof paths]`): the peer;
//   - ours with dts.operations 'all' (every operation typed) and 'imported' (the default).
// Wall time is the process's; CPU time (user + sys of tsc and the binary it starts, by
// /usr/bin/time when present) is what a loaded machine distorts least. "+empty" is the median of
// each round's difference to the empty app of the same round (the cases of a round run back to back).
// Prints a Markdown table and writes bench/.results-tmp/dts-follow.json. See docs/benchmarks/codegen.md.
import { execFileSync, spawnSync } from 'node:child_process'
import { existsSync, mkdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs'
import { loadavg } from 'node:os'
import { join } from 'node:path'
import { buildOurs } from './build-ours.mjs'

const ROOT = join(import.meta.dirname, '../..')
const TMP = join(ROOT, 'bench/.results-tmp/dts-follow')
const SPEC = join(ROOT, 'node_modules/@octokit/openapi/generated/api.github.com.json')
const RUNS = Number(process.argv.find((a) => a.startsWith('--runs='))?.slice(7) ?? 3)
const OPS = Number(process.argv.find((a) => a.startsWith('--ops='))?.slice(6) ?? 50)
const TSC = {
  'tsc 5.9': join(ROOT, 'node_modules/typescript/bin/tsc'),
  'tsc 7': join(ROOT, 'node_modules/typescript7/bin/tsc'),
}

if (!existsSync(join(ROOT, 'dist/runtime/index.d.ts'))) execFileSync('npm', ['run', 'build'], { cwd: ROOT, stdio: 'inherit' })
await buildOurs()
const { ApiContext, resolveOptions } = await import(join(import.meta.dirname, '.build/ours.mjs'))
rmSync(TMP, { recursive: true, force: true })
mkdirSync(TMP, { recursive: true })

// Operation names as the generator exports them, in document order (from a full 'all' file).
function writeTsconfig(dir, files) {
  const compilerOptions = {
    strict: true,
    noEmit: true,
    target: 'es2022',
    module: 'preserve',
    moduleResolution: 'bundler',
    lib: ['es2022', 'dom', 'dom.iterable'],
    types: [],
    skipLibCheck: false,
  }
  writeFileSync(join(dir, 'tsconfig.json'), JSON.stringify({ compilerOptions, files }))
}

/** An app calling `names`: each call's arguments, result and `.safe()` result are typed. */
function appSource(names) {
  if (names.length === 0) return 'export const nothing = 1\n'
  const lines = [`import { ${names.join(', ')} } from 'virtual:api/github'`]
  names.forEach((name, i) => {
    lines.push(`export const call${i} = (...args: Parameters<typeof ${name}>) => ${name}(...args)`)
    lines.push(`export const safe${i} = async (...args: Parameters<typeof ${name}.safe>) => (await ${name}.safe(...args)).data`)
  })
  return `${lines.join('\n')}\n`
}

/** Our declaration file for an app folder: the plugin's own code, root = the app, so the scan sees its file. */
async function oursFor(dir, operations) {
  const context = new ApiContext(resolveOptions({ apis: { github: SPEC }, dts: { path: 'api-clients.d.ts', operations }, cacheDir: join(TMP, 'cache') }, dir))
  const start = performance.now()
  const { errors } = await context.writeDeclarations()
  if (errors.length > 0) throw errors[0].error
  return { ms: performance.now() - start, bytes: statSync(join(dir, 'api-clients.d.ts')).size }
}

const cases = []
function addCase(name, dir, files, prepared) {
  writeTsconfig(dir, files)
  cases.push({ name, dir, prepared })
}

// The operation names: GitHub's in document order, OPS of them spread evenly over the document.
const fullDir = join(TMP, 'all-names')
mkdirSync(fullDir, { recursive: true })
writeFileSync(join(fullDir, 'app.ts'), 'import api from "virtual:api/github"\nexport default api\n')
await oursFor(fullDir, 'all')
const allNames = [...readFileSync(join(fullDir, 'api-clients.d.ts'), 'utf8').matchAll(/^export const (\w+): __Operation</gm)].map((m) => m[1])
const step = Math.max(1, Math.floor(allNames.length / OPS))
const picked = allNames.filter((_, i) => i % step === 0).slice(0, OPS)
console.error(`[bench] github: ${allNames.length} operations; app of ${picked.length}: ${picked.slice(0, 5).join(', ')}, …`)

const empty = join(TMP, 'empty')
mkdirSync(empty, { recursive: true })
writeFileSync(join(empty, 'app.ts'), appSource([]))
addCase('empty app (no declarations)', empty, ['app.ts'])

const peer = join(TMP, 'openapi-typescript')
mkdirSync(peer, { recursive: true })
const { default: openapiTS, astToString } = await import('openapi-typescript')
writeFileSync(join(peer, 'github.d.ts'), astToString(await openapiTS(new URL(`file://${SPEC}`), { silent: true })))
writeFileSync(join(peer, 'app.ts'), `import type { paths } from './github.js'\nexport type Some = paths[keyof paths]\n`)
addCase('openapi-typescript 7.13 output alone', peer, ['app.ts'], { bytes: statSync(join(peer, 'github.d.ts')).size })

for (const [label, names, mode] of [
  [`ours, dts 'all', app of ${picked.length} operations`, picked, 'all'],
  [`ours, dts 'imported', app of ${picked.length} operations`, picked, 'imported'],
  [`ours, dts 'imported', app of 1 operation`, picked.slice(0, 1), 'imported'],
  [`ours, dts 'imported', app of 0 operations (names only)`, [], 'imported'],
]) {
  const dir = join(TMP, `${mode}-${names.length}`)
  mkdirSync(dir, { recursive: true })
  writeFileSync(join(dir, 'app.ts'), names.length === 0 ? `import type {} from 'virtual:api/github'\nexport const nothing = 1\n` : appSource(names))
  addCase(label, dir, ['api-clients.d.ts', 'app.ts'], await oursFor(dir, mode))
}

const TIME = existsSync('/usr/bin/time') ? '/usr/bin/time' : undefined

function runTsc(bin, dir) {
  const args = [bin, '-p', dir, '--extendedDiagnostics']
  const start = performance.now()
  const result = TIME
    ? spawnSync(TIME, ['-f', '@cpu %U %S', process.execPath, ...args], { encoding: 'utf8', maxBuffer: 64 << 20 })
    : spawnSync(process.execPath, args, { encoding: 'utf8', maxBuffer: 64 << 20 })
  const wall = (performance.now() - start) / 1000
  const out = `${result.stdout}\n${result.stderr}`
  const times = out.match(/^@cpu ([\d.]+) ([\d.]+)$/m)
  const cpu = times ? Number(times[1]) + Number(times[2]) : undefined
  const stat = (label) => {
    const match = out.match(new RegExp(`^${label}:\\s+([\\d.]+)`, 'm'))
    return match ? Number(match[1]) : undefined
  }
  const errors = [...out.matchAll(/error (TS\d+)/g)].map((m) => m[1])
  return { wall, cpu, check: stat('Check time'), instantiations: stat('Instantiations'), memoryK: stat('Memory used'), errors }
}

const load = () =>
  loadavg()
    .map((n) => n.toFixed(1))
    .join(' ')
const loadBefore = load()
const started = new Date().toISOString()
const results = new Map(cases.map((c) => [c.name, Object.fromEntries(Object.keys(TSC).map((t) => [t, []]))]))
for (let run = 0; run < RUNS; run++) {
  const order = run % 2 === 0 ? cases : [...cases].reverse()
  for (const c of order) for (const [tool, bin] of Object.entries(TSC)) results.get(c.name)[tool].push(runTsc(bin, c.dir))
  console.error(`[bench] run ${run + 1}/${RUNS} done (load ${load()})`)
}
const loadAfter = load()

const median = (values) => {
  const sorted = values.filter((v) => v !== undefined).sort((a, b) => a - b)
  return sorted.length === 0 ? undefined : sorted[Math.floor(sorted.length / 2)]
}
const tools = Object.keys(TSC)
const baseline = cases[0].name
/** The median of each round's difference to the empty app (same round, same tool). */
const overEmpty = (name, tool, key) => {
  const mine = results.get(name)[tool]
  const base = results.get(baseline)[tool]
  return median(mine.map((r, i) => (r[key] === undefined || base[i]?.[key] === undefined ? undefined : r[key] - base[i][key])))
}
const summary = cases.map((c) => {
  const row = { name: c.name, bytes: c.prepared?.bytes, generateMs: c.prepared?.ms }
  for (const tool of tools) {
    const runs = results.get(c.name)[tool]
    row[tool] = {
      wall: median(runs.map((r) => r.wall)),
      min: Math.min(...runs.map((r) => r.wall)),
      cpu: median(runs.map((r) => r.cpu)),
      wallOverEmpty: c.name === baseline ? undefined : overEmpty(c.name, tool, 'wall'),
      cpuOverEmpty: c.name === baseline ? undefined : overEmpty(c.name, tool, 'cpu'),
      check: median(runs.map((r) => r.check)),
      instantiations: median(runs.map((r) => r.instantiations)),
      memoryMB: median(runs.map((r) => r.memoryK)) === undefined ? undefined : Math.round(median(runs.map((r) => r.memoryK)) / 1024),
      errors: [...new Set(runs.flatMap((r) => r.errors))],
      runs,
    }
  }
  return row
})
writeFileSync(join(ROOT, 'bench/.results-tmp/dts-follow.json'), JSON.stringify({ started, loadBefore, loadAfter, runs: RUNS, summary }, null, 2))

const fmt = (n, digits = 2) => (n === undefined ? '—' : n.toFixed(digits))
const signed = (n) => (n === undefined ? '' : `${n >= 0 ? '+' : ''}${fmt(n)}`)
const lines = [
  `${started}, load average (1/5/15 min) ${loadBefore} before, ${loadAfter} after; ${cases.length} cases × ${tools.length} compilers × ${RUNS} interleaved rounds.`,
  '',
  `Median of ${RUNS} rounds of \`tsc -p <app> --extendedDiagnostics\`: wall s (min), CPU s (user + sys); "+empty" is the median of each round's difference to the empty app.`,
  '',
  `| app | declarations KB | ${tools.map((t) => `${t}: wall s (min) | ${t}: +empty wall | ${t}: CPU s | ${t}: +empty CPU | ${t}: instantiations | ${t}: errors`).join(' | ')} |`,
  `|---|---|${tools.map(() => '---|---|---|---|---|---').join('|')}|`,
]
for (const row of summary) {
  const cells = tools.map((tool) => {
    const r = row[tool]
    return `${fmt(r.wall)} (${fmt(r.min)}) | ${signed(r.wallOverEmpty)} | ${fmt(r.cpu)} | ${signed(r.cpuOverEmpty)} | ${r.instantiations ?? '—'} | ${r.errors.length === 0 ? 0 : r.errors.join(' ')}`
  })
  lines.push(`| ${row.name} | ${row.bytes === undefined ? '—' : Math.round(row.bytes / 1024)} | ${cells.join(' | ')} |`)
}
console.log(lines.join('\n'))
