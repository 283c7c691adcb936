import { execFile } from 'node:child_process'
import { mkdirSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { promisify } from 'node:util'
import { build } from 'esbuild'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startServer, type TestServer } from '../../helpers/ws-servers'

const run = promisify(execFile)

/**
 * Node >= 22 has a global WebSocket; Node 20 gets the same (undici's) with --experimental-websocket.
 * There, crossws/websocket picks the native class, and switches to its bundled `ws` only when the
 * client needs `ws` options (headers, maxPayload). Checked in a child process with the flag.
 */
describe('on a Node with a global WebSocket', () => {
  let server: TestServer
  let script: string
  beforeAll(async () => {
    server = await startServer('ws')
    // Under node_modules so that `crossws` resolves from the bundle.
    const dir = join(process.cwd(), 'node_modules/.cache/ws-node-native')
    mkdirSync(dir, { recursive: true })
    const bundled = await build({
      entryPoints: ['runtime/ws/index.ts'],
      bundle: true,
      platform: 'node',
      format: 'esm',
      write: false,
      external: ['crossws', 'crossws/*'],
      logLevel: 'silent',
    })
    writeFileSync(join(dir, 'client.mjs'), bundled.outputFiles[0]!.text)
    script = join(dir, 'probe.mjs')
    writeFileSync(
      script,
      `let native = 0
const Native = globalThis.WebSocket
globalThis.WebSocket = class extends Native { constructor(...a) { super(...a); native++ } }
const ws = await import('./client.mjs')
const [url] = process.argv.slice(2)
const plain = await ws.connectWebSocket(url)
plain.send({ via: 'native' })
const first = await plain.receive()
const afterPlain = native
const withHeader = await ws.connectWebSocket(url + 'auth', { auth: { token: 'good' } })
const second = await withHeader.receive()
// Reconnect reads the refused status and Retry-After, protocol pings need ping(): both take ws.
const withReconnect = await ws.connectWebSocket(url, { reconnect: true, heartbeat: { interval: 60000, timeout: 1000 } })
withReconnect.send('ws')
const third = await withReconnect.receive()
await Promise.all([plain.close(), withHeader.close(), withReconnect.close()])
const beforeRefused = native
// The native class fires no close after a failed handshake on some Node versions: the error alone must end it.
const started = Date.now()
const refused = await ws.connectWebSocket('ws://127.0.0.1:1/', { connectTimeout: 5000 }).catch((e) => e)
console.log(JSON.stringify({ first, afterPlain, second, third, total: beforeRefused, refused: {
  name: refused.name, code: refused.code, cause: refused.cause !== undefined, fast: Date.now() - started < 2000, native: native - beforeRefused } }))
`,
    )
  })
  afterAll(() => server?.close())

  it('uses the native class, and ws only when headers, reconnect or protocol pings need it', async () => {
    const { stdout } = await run(process.execPath, ['--experimental-websocket', '--no-warnings', script, server.url('/')])
    expect(JSON.parse(stdout)).toEqual({
      first: { via: 'native' },
      afterPlain: 1,
      second: { welcome: 'good' },
      third: 'ws',
      total: 1,
      refused: { name: 'WebSocketConnectError', code: 'ERR_WS_CONNECT', cause: true, fast: true, native: 1 },
    })
    expect(server.upgrades.find((u) => u.url === '/auth')?.headers.authorization).toBe('Bearer good')
  })
})
