// WebSocket client benchmark: our client against raw `ws` (and the raw crossws/websocket
// constructor our client uses on Node 20), interleaved in one run. Not a timed test.
//
//   node bench/ws/run.mjs [--rounds 3] [--seq 20000] [--pipe 100000]
//
// W1: sequential 32-byte round trips (send, wait for the echo, repeat).
// W2: pipelined: send N 32-byte messages at once, wait until all N echoes arrived.
// CPU: client process user+system CPU time per message over W1+W2 (the echo server is another process).
import { fork } from 'node:child_process'
import { once } from 'node:events'
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { parseArgs } from 'node:util'
import { build } from 'esbuild'
import CrosswsWebSocket from 'crossws/websocket'
import WebSocket from 'ws'

const { values } = parseArgs({
  options: { rounds: { type: 'string', default: '3' }, seq: { type: 'string', default: '20000' }, pipe: { type: 'string', default: '100000' } },
})
const ROUNDS = Number(values.rounds)
const SEQ = Number(values.seq)
const PIPE = Number(values.pipe)
const PAYLOAD = 'x'.repeat(32)

// Our client is TypeScript: bundle it for Node exactly as a scraper build would.
// Written under node_modules/.cache so that `crossws` resolves from it.
mkdirSync('node_modules/.cache', { recursive: true })
const dir = mkdtempSync(join(process.cwd(), 'node_modules/.cache/ws-bench-'))
const out = join(dir, 'client.mjs')
const bundled = await build({
  entryPoints: ['runtime/ws/index.ts'],
  bundle: true,
  platform: 'node',
  format: 'esm',
  write: false,
  external: ['crossws', 'crossws/*'],
})
writeFileSync(out, bundled.outputFiles[0].text)
const ours = await import(out)

const server = fork(new URL('./echo-server.mjs', import.meta.url), { stdio: 'inherit' })
const [{ port }] = await once(server, 'message')
const url = `ws://127.0.0.1:${port}/`

/** Adapts each client to: open() → { send(text), next(): Promise<void>, onEach(fn), close() }. */
function rawAdapter(Ctor, options) {
  return async () => {
    const socket = options ? new Ctor(url, [], options) : new Ctor(url)
    await new Promise((resolve, reject) => {
      socket.onopen = resolve
      socket.onerror = reject
    })
    let waiter
    let each
    socket.onmessage = () => {
      if (each) each()
      else {
        const w = waiter
        waiter = undefined
        w()
      }
    }
    return {
      send: (m) => socket.send(m),
      next: () => new Promise((resolve) => (waiter = resolve)),
      onEach: (fn) => (each = fn),
      close: () => socket.close(),
    }
  }
}
const clients = {
  'ws (raw)': rawAdapter(WebSocket, { perMessageDeflate: false }),
  'crossws/websocket (raw)': rawAdapter(CrosswsWebSocket),
  '@codomyrmex/networking ws client': async () => {
    const client = await ours.connectWebSocket(url, { codec: ours.rawCodec() })
    return {
      send: (m) => client.sendRaw(m),
      next: () => client.receive(),
      onEach: (fn) => client.on('message', fn),
      close: () => client.close(),
    }
  },
}

async function runOne(open, seqN = SEQ, pipeN = PIPE) {
  const SEQ = seqN
  const PIPE = pipeN
  let c = await open()
  const cpu0 = process.cpuUsage()
  let t0 = performance.now()
  for (let i = 0; i < SEQ; i++) {
    const got = c.next()
    c.send(PAYLOAD)
    await got
  }
  const seq = SEQ / ((performance.now() - t0) / 1000)
  const cpuSeq = process.cpuUsage(cpu0)
  await c.close()
  // W2 on a fresh connection: a consumer that listens with a callback, as a raw onmessage does.
  c = await open()
  const cpu1 = process.cpuUsage()
  let left = PIPE
  const done = new Promise((resolve) => c.onEach(() => --left === 0 && resolve()))
  t0 = performance.now()
  for (let i = 0; i < PIPE; i++) c.send(PAYLOAD)
  await done
  const pipe = PIPE / ((performance.now() - t0) / 1000)
  const cpuPipe = process.cpuUsage(cpu1)
  await c.close()
  const us = cpuSeq.user + cpuSeq.system + cpuPipe.user + cpuPipe.system
  return { seq, pipe, cpuUs: us / (SEQ + PIPE) }
}

const names = Object.keys(clients)
const results = Object.fromEntries(names.map((n) => [n, []]))
// Warm-up: let the JIT settle for every client before anything is measured.
for (let i = 0; i < 2; i++) for (const name of names) await runOne(clients[name], 10_000, 50_000)
for (let round = 0; round < ROUNDS; round++) {
  // Rotate the order each round so no client always runs on a warmer or colder process.
  const order = names.map((_, i) => names[(i + round) % names.length])
  for (const name of order) results[name].push(await runOne(clients[name]))
}
server.kill()

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]
const base = results['ws (raw)']
const baseSeq = median(base.map((r) => r.seq))
const basePipe = median(base.map((r) => r.pipe))
const baseCpu = median(base.map((r) => r.cpuUs))
console.log(`Node ${process.version}, ${ROUNDS} rounds (median), W1 ${SEQ} round trips, W2 ${PIPE} pipelined, 32-byte text\n`)
console.log('| client | W1 rt/s | × ws | W2 msg/s | × ws | CPU µs/msg | × ws |')
console.log('|---|---|---|---|---|---|---|')
for (const name of names) {
  const seq = median(results[name].map((r) => r.seq))
  const pipe = median(results[name].map((r) => r.pipe))
  const cpu = median(results[name].map((r) => r.cpuUs))
  const f = (n) => Math.round(n).toLocaleString('en')
  console.log(
    `| ${name} | ${f(seq)} | ${(seq / baseSeq).toFixed(2)} | ${f(pipe)} | ${(pipe / basePipe).toFixed(2)} | ${cpu.toFixed(2)} | ${(cpu / baseCpu).toFixed(2)} |`,
  )
}
