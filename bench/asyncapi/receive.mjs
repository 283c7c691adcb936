// Typed receive throughput (not a timed test): a server process pushes Slack RTM frames (4 of 5 are
// `message`), each client counts the `message` frames it got, parsed and routed. Interleaved in one
// run with raw `ws` doing the same by hand (JSON.parse, then `type === 'message'`).
//
//   node bench/asyncapi/receive.mjs [--rounds 15] [--frames 100000]
//
// Clients: raw `ws`; our plain WebSocket client (jsonCodec, `on('message')` with the same check);
// the generated Slack client with every message (`connect`, `on('message')`); the same with one
// message (`connectWith([message])`), with `on('message')` and with `for await (… of receive('message'))`.
import { fork } from 'node:child_process'
import { once } from 'node:events'
import { mkdirSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { pathToFileURL } from 'node:url'
import { parseArgs } from 'node:util'
import { build } from 'esbuild'
import WebSocket from 'ws'

const { values } = parseArgs({
  options: { rounds: { type: 'string', default: '15' }, frames: { type: 'string', default: '100000' }, only: { type: 'string' } },
})
const ROUNDS = Number(values.rounds)
const FRAMES = Number(values.frames)
const WANTED = FRAMES - Math.floor(FRAMES / 5)
const ROOT = join(import.meta.dirname, '../..')

// The plugin from src, then the app bundled for Node as a scraper build would be. Written under
// node_modules/.cache so that `crossws` and `ws` resolve from it.
const tmp = join(ROOT, 'bench/.results-tmp/asyncapi')
mkdirSync(tmp, { recursive: true })
await build({
  stdin: { contents: "export { default } from './src/index.ts'", resolveDir: ROOT, loader: 'ts' },
  bundle: true,
  platform: 'node',
  format: 'esm',
  packages: 'external',
  outfile: join(tmp, 'plugin.mjs'),
  logLevel: 'warning',
})
const { default: networking } = await import(pathToFileURL(join(tmp, 'plugin.mjs')).href)
const cache = join(ROOT, 'node_modules/.cache/asyncapi-bench')
mkdirSync(cache, { recursive: true })
const app = await build({
  stdin: {
    contents: `export { default as slack, connectWith, message } from 'virtual:api/slack'
export { createWebSocket, jsonCodec } from '@codomyrmex/networking/runtime'`,
    resolveDir: ROOT,
    loader: 'js',
  },
  absWorkingDir: ROOT,
  bundle: true,
  platform: 'node',
  format: 'esm',
  write: false,
  external: ['crossws', 'crossws/*', 'ws'],
  alias: { '@codomyrmex/networking/runtime/internal': './runtime/internal.ts', '@codomyrmex/networking/runtime': './runtime/index.ts' },
  logLevel: 'warning',
  plugins: [networking.esbuild({ apis: { slack: join(ROOT, 'test/fixtures/corpus/asyncapi/spec-slack-rtm-asyncapi.yml') }, dts: false, cacheDir: false })],
})
writeFileSync(join(cache, 'app.mjs'), app.outputFiles[0].text)
const ours = await import(pathToFileURL(join(cache, 'app.mjs')).href)

const server = fork(new URL('./push-server.mjs', import.meta.url), { stdio: 'inherit' })
const [{ port }] = await once(server, 'message')
const url = `ws://127.0.0.1:${port}/`

/** Each client: open, ask for FRAMES, resolve once WANTED `message` frames arrived; ms from the ask. */
const clients = {
  'ws 8 (raw): JSON.parse + type check': async () => {
    const socket = new WebSocket(url, { perMessageDeflate: false })
    await once(socket, 'open')
    let left = WANTED
    let t0 = 0
    const done = new Promise((resolve) => {
      socket.onmessage = (event) => {
        const frame = JSON.parse(event.data)
        if (frame.type === 'message' && typeof frame.text === 'string' && --left === 0) resolve(performance.now() - t0)
      }
    })
    t0 = performance.now()
    socket.send(`go ${FRAMES}`)
    const ms = await done
    socket.close()
    return ms
  },
  'plain client (jsonCodec, on + type check)': async () => {
    const ws = ours.createWebSocket(url, { codec: ours.jsonCodec() })
    await ws.connect()
    let left = WANTED
    let t0 = 0
    const done = new Promise((resolve) => {
      ws.on('message', (frame) => {
        if (frame.type === 'message' && typeof frame.text === 'string' && --left === 0) resolve(performance.now() - t0)
      })
    })
    t0 = performance.now()
    ws.sendRaw(`go ${FRAMES}`)
    const ms = await done
    await ws.close()
    return ms
  },
  'Slack client, every message: on("message")': async () => {
    const ws = await ours.slack.connect({ url })
    let left = WANTED
    let t0 = 0
    const done = new Promise((resolve) => {
      ws.on('message', (m) => {
        if (typeof m.text === 'string' && --left === 0) resolve(performance.now() - t0)
      })
    })
    t0 = performance.now()
    ws.socket.sendRaw(`go ${FRAMES}`)
    const ms = await done
    await ws.close()
    return ms
  },
  'Slack client, connectWith([message]): on("message")': async () => {
    const ws = await ours.connectWith([ours.message], { url })
    let left = WANTED
    let t0 = 0
    const done = new Promise((resolve) => {
      ws.on('message', (m) => {
        if (typeof m.text === 'string' && --left === 0) resolve(performance.now() - t0)
      })
    })
    t0 = performance.now()
    ws.socket.sendRaw(`go ${FRAMES}`)
    const ms = await done
    await ws.close()
    return ms
  },
  'Slack client, connectWith([message]): for await receive("message")': async () => {
    const ws = await ours.connectWith([ours.message], { url })
    let left = WANTED
    const stream = ws.receive('message')
    const t0 = performance.now()
    ws.socket.sendRaw(`go ${FRAMES}`)
    for await (const m of stream) if (typeof m.text === 'string' && --left === 0) break
    const ms = performance.now() - t0
    await ws.close()
    return ms
  },
}

// --only <substring>: one client alone (for a CPU profile).
const names = Object.keys(clients).filter((n) => !values.only || n.includes(values.only))
const results = Object.fromEntries(names.map((n) => [n, []]))
for (let i = 0; i < 2; i++) for (const name of names) await clients[name]()
for (let round = 0; round < ROUNDS; round++) {
  // Rotate the order each round so no client always runs on a warmer or colder process.
  for (let k = 0; k < names.length; k++) {
    const name = names[(round + k) % names.length]
    results[name].push(FRAMES / ((await clients[name]()) / 1000))
  }
}
server.kill()

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]
const base = median(results[names[0]])
console.log(
  `${ROUNDS} rounds of ${FRAMES} frames (${WANTED} of them \`message\`), medians; load average ${(await import('node:os'))
    .loadavg()
    .map((l) => l.toFixed(1))
    .join(' ')}\n`,
)
console.log('| client | frames/s | × ws |')
console.log('|---|---|---|')
for (const name of names) {
  const m = median(results[name])
  console.log(`| ${name} | ${Math.round(m).toLocaleString('en-US')} | ${(m / base).toFixed(2)} |`)
}
