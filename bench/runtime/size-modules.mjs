// Per-module breakdown of the browser bundles that bench/runtime/size.mjs measures: minified bytes
// each source file contributes (esbuild metafile), largest first, and the bundle's min+gzip total.
//   node bench/runtime/size-modules.mjs [one|client|whole]
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { browserBundle } from '../browser-size.mjs'

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
const r = await browserBundle(cases[which], { resolveDir: root })
const inputs = r.bytesByInput
const rows = Object.entries(inputs)
  .filter(([, v]) => v > 0)
  .sort((a, b) => b[1] - a[1])
console.log(`| module (${which}) | min bytes |\n|---|---|`)
for (const [name, v] of rows) console.log(`| ${name.replace(/^.*node_modules\//, '').replace(`${root}/`, '')} | ${v.toLocaleString('en-US')} |`)
console.log(`| **total** (min+gzip ${r.gzip.toLocaleString('en-US')}) | ${r.min.toLocaleString('en-US')} |`)
