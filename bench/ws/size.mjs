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
