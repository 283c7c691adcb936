// One measurement in a fresh process: `node probe.mjs <generator> <specName> <specPath> <outDir> [cacheDir]`.
// Prints one JSON line: { ms, maxRssMB, ... }. Times exclude Node start-up and module loading.
import { mkdir, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { pathToFileURL } from 'node:url'

const [generator, name, spec, outDir, cacheDir] = process.argv.slice(2)
await mkdir(outDir, { recursive: true })
const result = {}
// BENCH_BUILD: the folder of the bundled generator (build-ours.mjs), `.build` unless comparing versions.
const OURS = pathToFileURL(join(import.meta.dirname, process.env.BENCH_BUILD ?? '.build', 'ours.mjs')).href

if (generator === 'ours' || generator === 'ours-subset') {
  const { ApiContext, resolveOptions } = await import(OURS)
  // ours-subset: only the operations named in BENCH_OPERATIONS (comma-separated), as `apis.<name>.operations`.
  const entry = generator === 'ours-subset' ? { spec, operations: process.env.BENCH_OPERATIONS.split(',') } : spec
  const context = new ApiContext(resolveOptions({ apis: { [name]: entry }, dts: false, cacheDir: cacheDir || false }, process.cwd()))
  const start = performance.now()
  const api = await context.load(name)
  result.ms = performance.now() - start
  result.generated = api.generated
  const again = performance.now()
  await context.load(name)
  result.inProcessWarmMs = performance.now() - again
  await writeFile(join(outDir, `${name}.js`), api.code)
  await writeFile(join(outDir, `${name}.d.ts`), context.declarations(name).standalone)
} else if (generator === 'ours-phases') {
  // The cold path split in its phases, in one fresh process: parse alone (the entry file's text to a
  // value), then load (read + parse + bundle file $refs), validate, convert (Swagger 2.0) and generate.
  const { loadDocument, validateDocument, toOpenApi3, generateApi, parseText } = await import(OURS)
  const { readFile } = await import('node:fs/promises')
  const text = await readFile(spec, 'utf8')
  let start = performance.now()
  parseText(text, spec, name)
  result.parseMs = performance.now() - start
  start = performance.now()
  const loaded = await loadDocument(spec, { api: name, allowRemote: [], allowRefsFrom: [] })
  result.loadMs = performance.now() - start
  start = performance.now()
  await validateDocument(name, loaded)
  result.validateMs = performance.now() - start
  start = performance.now()
  const document = await toOpenApi3(name, spec, loaded.document)
  result.convertMs = performance.now() - start
  start = performance.now()
  await generateApi({ name, document })
  result.generateMs = performance.now() - start
  result.ms = result.loadMs + result.validateMs + result.convertMs + result.generateMs
} else if (generator === 'openapi-typescript') {
  const { default: openapiTS, astToString } = await import('openapi-typescript')
  const start = performance.now()
  const ast = await openapiTS(pathToFileURL(spec), { silent: true })
  const text = astToString(ast)
  result.ms = performance.now() - start
  await writeFile(join(outDir, `${name}.d.ts`), text)
} else if (generator === 'hey-api') {
  const { createClient } = await import('@hey-api/openapi-ts')
  const start = performance.now()
  await createClient({
    input: spec,
    output: { path: outDir },
    plugins: ['@hey-api/client-fetch', '@hey-api/typescript', '@hey-api/sdk'],
    logs: { level: 'silent' },
  })
  result.ms = performance.now() - start
} else {
  throw new Error(`unknown generator ${generator}`)
}
result.maxRssMB = Math.round(process.resourceUsage().maxRSS / 1024)
console.log(JSON.stringify(result))
