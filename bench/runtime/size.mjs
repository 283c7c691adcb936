// Min+gzip size of the HTTP runtime's browser build (esbuild, platform browser, minify, gzip -9).
//   node bench/runtime/size.mjs
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { browserBundle } from '../browser-size.mjs'

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..')
const runtime = JSON.stringify(join(root, 'runtime/index.ts'))
// What generated modules import (createApiCore, the feature objects, the operation parts): not part of the public surface.
// The one-operation case is what src/codegen/module.ts emits for listPets (one form query parameter): only the
// `form` part (test/integration/runtime/size-budget.test.ts builds the real generator's output).
const internal = JSON.stringify(join(root, 'runtime/internal.ts'))
const oneOperation = `
  import { createApiCore as createApi, formPart } from ${internal}
  const api = /* @__PURE__ */ createApi({ name: 'petstore', servers: [{ url: 'http://petstore.swagger.io/v1' }] })
  export const configure = api.configure
  export const listPets = /* @__PURE__ */ api.operation({ id: 'listPets', method: 'GET', path: '/pets', params: [{ name: 'limit', in: 'query', style: 'form', explode: true }], responses: { '200': { contentTypes: ['application/json'] } }, accept: 'application/json' }, { form: formPart })
`
const cases = {
  // A peer for scale (our transport until issue 13; the runtime now calls fetch itself).
  'ofetch alone (createFetch)': { contents: `export { createFetch } from 'ofetch'` },
  'runtime, whole export surface': { contents: `export * from ${runtime}` },
  'runtime/internal, whole export surface (generated code only)': { contents: `export * from ${internal}` },
  'runtime + one generated operation': { contents: oneOperation },
  'createHttpClient only': { contents: `export { createHttpClient } from ${runtime}` },
}
console.log('| bundle | min bytes | min+gzip bytes |\n|---|---|---|')
for (const [name, { contents, external = [] }] of Object.entries(cases)) {
  const { min, gzip } = await browserBundle(contents, { resolveDir: root, external })
  console.log(`| ${name} | ${min.toLocaleString('en-US')} | ${gzip.toLocaleString('en-US')} |`)
}
