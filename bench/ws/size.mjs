// Size of the WebSocket client's browser build: bundled with browser export conditions (so
// crossws/websocket is the native re-export), minified, then gzip -9 and brotli -11. Also lists what
// each input module contributes to the minified bundle.
//
//   node bench/ws/size.mjs
import { brotliCompressSync, constants, gzipSync } from 'node:zlib'
import { build } from 'esbuild'

const result = await build({
  entryPoints: ['runtime/ws/index.ts'],
  bundle: true,
  write: false,
  format: 'esm',
  platform: 'browser',
  target: 'es2022',
  minify: true,
  metafile: true,
  outfile: 'ws-client.js',
  logLevel: 'silent',
})
const code = result.outputFiles[0].contents
const gzip = gzipSync(code, { level: 9 }).length
const brotli = brotliCompressSync(code, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).length
console.log(`runtime/ws browser build: ${code.length} B min, ${gzip} B min+gzip -9, ${brotli} B min+brotli\n`)
console.log('| module | B in minified bundle |')
console.log('|---|---|')
const inputs = Object.values(result.metafile.outputs)[0].inputs
for (const [file, { bytesInOutput }] of Object.entries(inputs).sort((a, b) => b[1].bytesInOutput - a[1].bytesInOutput)) {
  if (bytesInOutput) console.log(`| ${file} | ${bytesInOutput} |`)
}

// What the WebSocket client adds to an app that already uses the HTTP runtime (shared: the error
// base, URL redaction, Retry-After parsing, the logger types).
async function bundle(contents) {
  return build({
    stdin: { contents, resolveDir: process.cwd(), loader: 'ts' },
    bundle: true,
    write: false,
    format: 'esm',
    platform: 'browser',
    target: 'es2022',
    minify: true,
    metafile: true,
    logLevel: 'silent',
  })
}
async function gz(contents) {
  return gzipSync((await bundle(contents)).outputFiles[0].contents, { level: 9 }).length
}
// A plain client (no features) with its per-module breakdown, and what each opt-in feature adds.
const core = `export { createWebSocketCore } from './runtime/ws/index'`
const plainBuild = await bundle(core)
const plain = gzipSync(plainBuild.outputFiles[0].contents, { level: 9 }).length
console.log(`\nplain client (createWebSocketCore, no features): ${plainBuild.outputFiles[0].contents.length} B min, ${plain} B min+gzip\n`)
console.log('| module | B in minified plain client |')
console.log('|---|---|')
const plainInputs = Object.values(plainBuild.metafile.outputs)[0].inputs
for (const [file, { bytesInOutput }] of Object.entries(plainInputs).sort((a, b) => b[1].bytesInOutput - a[1].bytesInOutput)) {
  if (bytesInOutput) console.log(`| ${file} | ${bytesInOutput} |`)
}
console.log('')
for (const f of ['reconnectFeature', 'queueFeature', 'heartbeatFeature', 'wsAuthFeature', 'wsLoggerFeature', 'wsMessageSizeFeature']) {
  const with1 = await gz(`${core}\nexport { ${f} } from './runtime/ws/index'`)
  console.log(`  + ${f}: ${with1} B (+${with1 - plain} B)`)
}
const all = await gz(`export { createWebSocketCore, allWebSocketFeatures } from './runtime/ws/index'`)
console.log(`  + allWebSocketFeatures: ${all} B (+${all - plain} B)`)
const http = await gz(`export { createHttpClient, createApi } from './runtime/index'`)
const both = await gz(`export { createHttpClient, createApi, connectWebSocket, createWebSocket } from './runtime/index'`)
console.log(`\nHTTP runtime alone: ${http} B min+gzip; with the WebSocket client: ${both} B (+${both - http} B)`)
