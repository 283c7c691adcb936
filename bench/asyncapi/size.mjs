// Size of a browser app using one message of an AsyncAPI document (Slack RTM: 47 messages), next to
// the plain WebSocket client it is built on, measured in the same run. Each app is bundled by esbuild
// with our plugin (bundled from src/ first) and browser export conditions, minified, then gzip -9.
// Also lists what each runtime module contributes to the one-message bundle.
//
//   node bench/asyncapi/size.mjs
import { mkdirSync } from 'node:fs'
import { join } from 'node:path'
import { pathToFileURL } from 'node:url'
import { gzipSync } from 'node:zlib'
import { build } from 'esbuild'

const ROOT = join(import.meta.dirname, '../..')
const OUT = join(ROOT, 'bench/.results-tmp/asyncapi')
const SLACK = join(ROOT, 'test/fixtures/corpus/asyncapi/spec-slack-rtm-asyncapi.yml')
const KRAKEN = join(ROOT, 'test/fixtures/corpus/asyncapi/spec-kraken-websocket-request-reply-message-filter-in-reply-asyncapi.yml')

mkdirSync(OUT, { recursive: true })
await build({
  stdin: { contents: "export { default } from './src/index.ts'", resolveDir: ROOT, loader: 'ts' },
  bundle: true,
  platform: 'node',
  format: 'esm',
  packages: 'external',
  outfile: join(OUT, 'plugin.mjs'),
  logLevel: 'warning',
})
const { default: networking } = await import(pathToFileURL(join(OUT, 'plugin.mjs')).href)

/** min+gzip -9 of an app (its source as `contents`), with the runtime from source. */
async function measure(contents) {
  const result = await build({
    stdin: { contents, resolveDir: ROOT, loader: 'js', sourcefile: 'app.js' },
    absWorkingDir: ROOT,
    bundle: true,
    write: false,
    format: 'esm',
    platform: 'browser',
    target: 'es2022',
    minify: true,
    metafile: true,
    outfile: join(OUT, 'app.js'),
    alias: { '@codomyrmex/networking/runtime/internal': './runtime/internal.ts', '@codomyrmex/networking/runtime': './runtime/index.ts' },
    logLevel: 'silent',
    plugins: [networking.esbuild({ apis: { slack: SLACK, kraken: KRAKEN }, dts: false, cacheDir: false })],
  })
  const code = result.outputFiles[0].contents
  const inputs = Object.values(result.metafile.outputs)[0].inputs
  return { min: code.length, gzip: gzipSync(code, { level: 9 }).length, inputs, text: new TextDecoder().decode(code) }
}

const apps = {
  'plain WebSocket client (`createWebSocket`, every feature)': `import { createWebSocket } from '@codomyrmex/networking/runtime'
const ws = createWebSocket('wss://example.test/')
ws.on('message', (m) => console.log(m))
await ws.connect()`,
  'Slack, whole document (`slack.connect`, `receive("message")`)': `import slack from 'virtual:api/slack'
const ws = await slack.connect({ url: 'wss://example.test/', auth: { token: 'x' } })
for await (const m of ws.receive('message')) console.log(m.text)`,
  'Slack, one message (`connectWith([message])`)': `import { connectWith, message } from 'virtual:api/slack'
const ws = await connectWith([message], { url: 'wss://example.test/', auth: { token: 'x' } })
for await (const m of ws.receive('message')) console.log(m.text)`,
  'Kraken, one request (`connectWith([ping])`)': `import { connectWith, ping } from 'virtual:api/kraken'
const ws = await connectWith([ping], { url: 'wss://example.test/' })
console.log(await ws.request.ping({ event: 'ping', reqid: 1 }))`,
}

const only = process.argv.includes('--before') ? Object.keys(apps).slice(0, 2) : Object.keys(apps)
const results = {}
for (const name of only) results[name] = await measure(apps[name])
const base = results[only[0]].gzip
console.log('| bundle | B min | B min+gzip -9 | vs plain client |')
console.log('|---|---|---|---|')
for (const name of only) {
  const r = results[name]
  console.log(`| ${name} | ${r.min} | ${r.gzip} | ${r === results[only[0]] ? '' : `+${r.gzip - base}`} |`)
}
const one = results[only.at(-1) === only[1] ? only[1] : only[2]]
console.log('\nWhat the AsyncAPI part of the one-message Slack bundle holds (B in the minified bundle):\n')
console.log('| module | B |')
console.log('|---|---|')
for (const [file, { bytesInOutput }] of Object.entries(one.inputs).sort((a, b) => b[1].bytesInOutput - a[1].bytesInOutput)) {
  if (bytesInOutput && /ws-api|virtual|slack|asyncapi/.test(file)) console.log(`| ${file} | ${bytesInOutput} |`)
}
if (process.argv.includes('--print')) console.log(one.text)
