// Per-module breakdown of the browser bundles that bench/runtime/size.mjs measures: minified bytes
// each source file contributes (esbuild metafile), largest first, and the bundle's min+gzip total.
//   node bench/runtime/size-modules.mjs [one|client|whole]
import { gzipSync } from 'node:zlib'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { build } from 'esbuild'

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..')
const runtime = JSON.stringify(join(root, 'runtime/index.ts'))
const cases = {
  one: `
  import { createApiCore as createApi, formPart } from ${JSON.stringify(join(root, 'runtime/internal.ts'))}
  const api = /* @__PURE__ */ createApi({ name: 'petstore', servers: [{ url: 'http://petstore.swagger.io/v1' }] })
  export const configure = api.configure
  export const listPets = /* @__PURE__ */ api.operation({ id: 'listPets', method: 'GET', path: '/pets', params: [{ name: 'limit', in: 'query', style: 'form', explode: true }], responses: { '200': { contentTypes: ['application/json'] } }, accept: 'application/json' }, { form: formPart })
`,
  client: `export { createHttpClient } from ${runtime}`,
  whole: `export * from ${runtime}`,
}
const which = process.argv[2] ?? 'one'
const r = await build({
  stdin: { contents: cases[which], resolveDir: root, loader: 'ts' },
  bundle: true,
  minify: true,
  format: 'esm',
  platform: 'browser',
  write: false,
  metafile: true,
  logLevel: 'silent',
})
const inputs = Object.values(r.metafile.outputs)[0].inputs
const rows = Object.entries(inputs)
  .filter(([, v]) => v.bytesInOutput > 0)
  .sort((a, b) => b[1].bytesInOutput - a[1].bytesInOutput)
console.log(`| module (${which}) | min bytes |\n|---|---|`)
for (const [name, v] of rows) console.log(`| ${name.replace(/^.*node_modules\//, '').replace(`${root}/`, '')} | ${v.bytesInOutput.toLocaleString('en-US')} |`)
const code = r.outputFiles[0].contents
console.log(`| **total** (min+gzip ${gzipSync(code, { level: 9 }).length.toLocaleString('en-US')}) | ${code.length.toLocaleString('en-US')} |`)
