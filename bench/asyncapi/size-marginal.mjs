// What each runtime/ws-api module costs the one-message Slack bundle of size.mjs, in min+gzip -9
// bytes: the bundle minus the same bundle with that module replaced by a stub (so the figures
// are marginal, not additive). Run size.mjs first (it bundles the plugin this script imports).
//
//   node bench/asyncapi/size.mjs && node bench/asyncapi/size-marginal.mjs
import { existsSync } from 'node:fs'
import { join } from 'node:path'
import { pathToFileURL } from 'node:url'
import { gzipSync } from 'node:zlib'
import { build } from 'esbuild'

const ROOT = join(import.meta.dirname, '../..')
const { default: networking } = await import(pathToFileURL(join(ROOT, 'bench/.results-tmp/asyncapi/plugin.mjs')).href)
const SLACK = join(ROOT, 'test/fixtures/corpus/asyncapi/spec-slack-rtm-asyncapi.yml')
const APP = `import { connectWith, message } from 'virtual:api/slack'
const ws = await connectWith([message], { url: 'wss://example.test/', auth: { token: 'x' } })
for await (const m of ws.receive('message')) console.log(m.text)`
const stubs = {
  url: 'export const socketUrl = (a, o) => o.url; export const wsFill = 0',
  // The client's wsAuth feature still comes with the credentials: only auth.ts's own code is stubbed.
  auth: `import { handshakeFor, readToken, unprepared } from '../ws/handshake'
    export const wsHandshakeAuth = (a, o) => ({ auth: { token: o.auth.token }, feature: { token: readToken, handshake: handshakeFor, fail: unprepared } }); export const wsBasic = 0`,
  route: "export const createRouter = () => { const r = () => ['message']; r.size = 1; return r }; export const readPointer = 0",
  stream: 'export const createStream = () => ({ push() {}, end() {} })',
  errors: 'export class WsApiUrlError extends Error {}; export class WsRequestError extends Error {}',
}

async function gzip(stub) {
  const result = await build({
    stdin: { contents: APP, resolveDir: ROOT, loader: 'js' },
    absWorkingDir: ROOT,
    bundle: true,
    write: false,
    format: 'esm',
    platform: 'browser',
    target: 'es2022',
    minify: true,
    outfile: join(ROOT, 'bench/.results-tmp/asyncapi/marginal.js'),
    alias: { '@codomyrmex/networking/runtime/internal': './runtime/internal.ts', '@codomyrmex/networking/runtime': './runtime/index.ts' },
    logLevel: 'silent',
    plugins: [
      { name: 'stub', setup: (b) => stub && b.onLoad({ filter: new RegExp(`ws-api/${stub}\\.ts$`) }, () => ({ contents: stubs[stub], loader: 'js' })) },
      networking.esbuild({ apis: { slack: SLACK }, dts: false, cacheDir: false }),
    ],
  })
  return gzipSync(result.outputFiles[0].contents, { level: 9 }).length
}

const full = await gzip()
console.log(`one-message Slack bundle: ${full} B min+gzip\n\n| module | B min+gzip it costs |\n|---|---|`)
for (const name of Object.keys(stubs)) {
  if (existsSync(join(ROOT, `runtime/ws-api/${name}.ts`))) console.log(`| runtime/ws-api/${name}.ts | ${full - (await gzip(name))} |`)
}
