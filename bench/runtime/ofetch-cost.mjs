// What ofetch could replace in our runtime, against what it costs (docs/decisions/ofetch-transport.md):
// min and min+gzip bytes of our modules that its base-URL/query joining, body serialisation and
// response parsing would stand in for, and of ofetch itself (with ufo and destr).
//   node bench/runtime/ofetch-cost.mjs
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { browserBundle } from '../browser-size.mjs'
const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..')
console.log('| bundle | min bytes | min+gzip bytes |\n|---|---|---|')
for (const [name, contents] of Object.entries({
  'url joining (joinUrl, appendQuery)': `export { joinUrl, appendQuery } from './runtime/http/url'`,
  'response reading (readBody, readErrorBody)': `export { readBody, readErrorBody } from './runtime/http/response'`,
  'request preparation (prepareRequest)': `export { prepareRequest } from './runtime/http/prepare'`,
  'all three': `export { joinUrl, appendQuery } from './runtime/http/url'; export { readBody, readErrorBody } from './runtime/http/response'; export { prepareRequest } from './runtime/http/prepare'`,
  'ofetch createFetch': `export { createFetch } from 'ofetch'`,
})) {
  const { min, gzip } = await browserBundle(contents, { resolveDir: root })
  console.log(`| ${name} | ${min} | ${gzip} |`)
}
