// HMR benchmark (not a test): node bench/hmr/run.mjs [--rounds=10] [--specs=petstore,stripe|corpus|<corpus file name>]
// `--specs=corpus` takes every OpenAPI 3.x and Swagger 2.0 document of test/fixtures/corpus/openapi (a
// corpus file's name without extension also works), editing the first path's key back and forth.
// For each document: a Vite dev server with the built plugin (dist/, run `npm run build` first),
// a page in headless Chromium importing `virtual:api/<name>`, then rounds of edits that change the
// generated code (an operation path renamed back and forth). Measures the time from the file write
// to Vite's `vite:afterUpdate` in the page, i.e. the new module fetched, run and accepted. Both
// clocks are this machine's Date.now(). See docs/benchmarks/hmr.md.
import { cpSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { chromium } from 'playwright-core'
import { createServer } from 'vite'
import networking from '@codomyrmex/networking/vite'

const ROOT = join(import.meta.dirname, '../..')
const TMP = join(ROOT, 'bench/.results-tmp/hmr')
const CORPUS = join(ROOT, 'test/fixtures/corpus/openapi')
const SPECS = {
  petstore: { file: join(ROOT, 'playground/vite-app/petstore.yaml'), from: '  /pets/{petId}:\n', to: '  /animals/{petId}:\n', rounds: 10 },
  stripe: { file: join(CORPUS, 'stripe-spec3.yaml'), from: '  /v1/account:\n', to: '  /v1/account_renamed:\n', rounds: 3 },
}
const arg = (name, fallback) => process.argv.find((a) => a.startsWith(`--${name}=`))?.slice(name.length + 3) ?? fallback
for (const file of readdirSync(CORPUS).filter((f) => /\.(ya?ml|json)$/.test(f))) {
  const name = file.replace(/\.[^.]+$/, '')
  const edit = firstPathEdit(readFileSync(join(CORPUS, file), 'utf8'))
  if (edit && !Object.values(SPECS).some((s) => s.file === join(CORPUS, file))) SPECS[name] = { file: join(CORPUS, file), ...edit, rounds: 3 }
}
const wanted = arg('specs', 'petstore,stripe')
  .split(',')
  .flatMap((s) => (s === 'corpus' ? Object.keys(SPECS).filter((k) => k !== 'petstore') : [s]))
const ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
]

const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ARGS })
const rows = []
try {
  for (const name of wanted) {
    try {
      rows.push(await bench(name, SPECS[name]))
    } catch (error) {
      // A document the plugin rejects (the corpus holds some) never loads: say so and go on.
      console.error(`${name}: ${String(error).split('\n')[0]}`)
      rows.push({ name, times: [NaN], firstLoad: 'fails', phases: '—' })
    }
  }
} finally {
  await browser.close()
}
console.log('\n| document | rounds | median ms | min ms | max ms | median phases (ms) | first load ms |\n| --- | --- | --- | --- | --- | --- | --- |')
for (const r of rows)
  console.log(`| ${r.name} | ${r.times.length} | ${median(r.times)} | ${Math.min(...r.times)} | ${Math.max(...r.times)} | ${r.phases} | ${r.firstLoad} |`)

async function bench(name, { file, from, to, rounds }) {
  rounds = Number(arg('rounds', rounds))
  const dir = join(TMP, name)
  rmSync(dir, { recursive: true, force: true })
  mkdirSync(dir, { recursive: true })
  const spec = join(dir, `${name}${file.slice(file.lastIndexOf('.'))}`)
  cpSync(file, spec)
  writeFileSync(join(dir, 'index.html'), '<!doctype html><script type="module" src="./main.js"></script>\n')
  writeFileSync(
    join(dir, 'main.js'),
    `import * as api from 'virtual:api/${name}'
window.__exports = Object.keys(api).length
window.__updates = 0
import.meta.hot.on('vite:afterUpdate', () => { window.__updates++; window.__updatedAt = Date.now() })
`,
  )
  // Phase marks: the watcher reached the plugins (pre), our hook finished regenerating (post),
  // the browser fetched the new module (transform of the virtual id).
  const marks = {}
  const probe = (enforce) => ({
    name: `bench:${enforce}`,
    enforce,
    hotUpdate({ file }) {
      if (file === spec && this.environment.name === 'client') marks[enforce] ??= Date.now()
    },
    ...(enforce === 'post'
      ? {
          transform(_code, id) {
            if (id.startsWith('\0virtual:api/')) marks.fetched ??= Date.now()
          },
        }
      : {}),
  })
  const vite = await createServer({
    root: dir,
    configFile: false,
    logLevel: 'silent',
    server: { host: '127.0.0.1', port: 0 },
    plugins: [probe('pre'), networking({ apis: { [name]: spec }, dts: 'api-clients.d.ts', cacheDir: false }), probe('post')],
  })
  await vite.listen()
  const page = await browser.newPage()
  const times = []
  const phases = []
  let firstLoad
  try {
    const loadStart = Date.now()
    await page.goto(`http://127.0.0.1:${vite.httpServer.address().port}/`)
    await page.waitForFunction(() => window.__exports > 0, undefined, { timeout: 120_000 })
    firstLoad = Date.now() - loadStart
    let text = readFileSync(spec, 'utf8')
    let declarations = readIfThere(join(dir, 'api-clients.d.ts'))
    for (let i = 0; i < rounds; i++) {
      const [a, b] = i % 2 === 0 ? [from, to] : [to, from]
      if (!text.includes(a)) throw new Error(`${name}: no "${a.trim()}" to edit`)
      text = text.replace(a, b)
      const seen = await page.evaluate(() => window.__updates)
      for (const key of Object.keys(marks)) delete marks[key]
      const start = Date.now()
      writeFileSync(spec, text)
      await page.waitForFunction((n) => window.__updates > n, seen, { timeout: 120_000 })
      const done = await page.evaluate(() => window.__updatedAt)
      times.push(done - start)
      phases.push({ watch: marks.pre - start, regenerate: marks.post - marks.pre, send: marks.fetched - marks.post, run: done - marks.fetched })
      // The declarations are built after the update (and written 100 ms after the page fetched it):
      // wait for the file to change, so that the next round does not run into that build.
      await waitForChange(join(dir, 'api-clients.d.ts'), declarations)
      declarations = readIfThere(join(dir, 'api-clients.d.ts'))
    }
  } finally {
    await page.close()
    await vite.close()
  }
  console.log(`${name}: ${times.join(', ')} ms`)
  const phase = (key) => median(phases.map((p) => p[key]))
  return {
    name,
    times,
    firstLoad,
    phases: `watch ${phase('watch')} / regenerate ${phase('regenerate')} / to fetch ${phase('send')} / fetch+run ${phase('run')}`,
  }
}

function readIfThere(file) {
  try {
    return readFileSync(file, 'utf8')
  } catch {
    return undefined
  }
}

/** Polls (a benchmark, not a test) until `file` differs from `before`, for at most a minute. */
async function waitForChange(file, before) {
  for (const start = Date.now(); Date.now() - start < 60_000; ) {
    if (readIfThere(file) !== before) return
    await new Promise((r) => setTimeout(r, 50))
  }
}

/** OpenAPI 3.x or Swagger 2.0: the first path key as written (YAML or JSON), renamed; undefined when not found. */
function firstPathEdit(text) {
  if (!/(?:^|[{,])\s*["']?(?:openapi["']?\s*:\s*["']?3|swagger["']?\s*:\s*["']?2)/m.test(text)) return undefined
  const at = text.search(/^["']?paths["']?\s*:|"paths"\s*:/m)
  if (at < 0) return undefined
  const match = /\n(\s*)(["']?)(\/[^"'\n]*?)\2\s*:/.exec(text.slice(at))
  if (!match) return undefined
  const [whole, , quote, key] = match
  return { from: whole, to: whole.replace(`${quote}${key}${quote}`, `${quote}${key}_renamed${quote}`) }
}

function median(values) {
  const sorted = [...values].sort((x, y) => x - y)
  return sorted[Math.floor(sorted.length / 2)]
}
