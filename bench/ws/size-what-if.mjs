// What the plain WebSocket client (createWebSocketCore, no features) would weigh without the code it
// shares with the HTTP runtime: each shared module replaced by a minimal stand-in, same esbuild
// browser build, minified, gzip -9. Figures for docs/benchmarks/websocket.md, not a shippable build.
//
//   node bench/ws/size-what-if.mjs
import { browserBundle } from '../browser-size.mjs'

const stubs = {
  'URL redaction': {
    filter: /log\/redact\.ts$/,
    contents: `export const redactUrl = (u) => u; export const hideUrlSecrets = (u) => u; export const redactText = (t) => t; export const redactHeaders = (h) => h
      export const REDACTED = 'REDACTED'; export const UNSAFE_REVEAL_SECRETS = ''`,
  },
  'error base toJSON/inspect': {
    filter: /errors\/networking-error\.ts$/,
    contents: `export class NetworkingError extends Error {
      name = 'NetworkingError'
      constructor(m, o) { super(m, o.cause === undefined ? undefined : { cause: o.cause }); this.code = o.code } }`,
  },
  ConfigurationError: {
    filter: /errors\/configuration-error\.ts$/,
    contents: `import { NetworkingError } from './networking-error'
      export class ConfigurationError extends NetworkingError { constructor(m, option) { super(m, { code: 'ERR_CONFIGURATION' }); this.option = option } }`,
  },
}

async function gzip(names) {
  const plugins = names.map((name) => ({
    name,
    setup(b) {
      b.onLoad({ filter: stubs[name].filter }, () => ({ contents: stubs[name].contents, loader: 'js' }))
    },
  }))
  const { gzip } = await browserBundle(`export { createWebSocketCore } from './runtime/ws/index'`, { resolveDir: process.cwd(), target: 'es2022', plugins })
  return gzip
}

const base = await gzip([])
console.log(`plain client as built: ${base} B min+gzip`)
for (const name of Object.keys(stubs)) console.log(`  without ${name}: ${await gzip([name])} B (-${base - (await gzip([name]))})`)
console.log(`  without all three: ${await gzip(Object.keys(stubs))} B`)
