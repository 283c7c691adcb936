import { cp, mkdir, readFile, rm, writeFile } from 'node:fs/promises'
import { join, resolve } from 'node:path'
import { createServer, type ViteDevServer } from 'vite'
import { WebSocket } from 'ws'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import networking from '../../../src/index'
import { portOf } from '../../e2e/browser'

const WORK = resolve(__dirname, '../../.tmp/ws-dev-mock')
const SPEC = join(WORK, 'market.yaml')

let vite: ViteDevServer
let origin: string

beforeAll(async () => {
  await rm(WORK, { recursive: true, force: true })
  await mkdir(WORK, { recursive: true })
  await cp(resolve(__dirname, '../../../playground/vite-app/market.yaml'), SPEC)
  vite = await createServer({
    root: WORK,
    configFile: false,
    logLevel: 'silent',
    server: { host: '127.0.0.1', port: 0 },
    plugins: [networking.vite({ apis: { market: 'market.yaml' }, mock: true, dts: false, cacheDir: false })],
  })
  await vite.listen()
  origin = `127.0.0.1:${portOf(vite.httpServer)}`
}, 60_000)

afterAll(async () => {
  await vite?.close()
})

/** A raw socket: the frames it gets, and its close code. */
async function open(url: string, protocol?: string) {
  const ws = new WebSocket(url, protocol)
  const frames: unknown[] = []
  const waiters: Array<() => void> = []
  ws.on('message', (data) => {
    frames.push(JSON.parse(String(data)))
    for (const w of waiters.splice(0)) w()
  })
  const closed = new Promise<number>((done) => ws.on('close', (code) => done(code)))
  await new Promise<void>((done, fail) => {
    ws.on('open', () => done())
    ws.on('error', fail)
  })
  const until = async (n: number) => {
    while (frames.length < n) await new Promise<void>((done) => waiters.push(done))
    return frames.slice(0, n)
  }
  return { ws, until, closed }
}

describe('the Vite dev mock of an AsyncAPI document (mock: true)', () => {
  it('serves the client pointed at /__api/<name>, with a self-accepting hot variant', async () => {
    const code = await (await fetch(`http://${origin}/@id/__x00__virtual:api/market`)).text()
    expect(code).toContain('"url":"/__api/market"')
    expect(code).not.toContain('market.example.com')
    expect(code).toContain('import.meta.hot.accept()')
    expect(code).toContain('"codomyrmex:ws-refresh"')
  })

  it('plays the document on a WebSocket upgraded on the Vite server', async () => {
    const c = await open(`ws://${origin}/__api/market/market`)
    expect(await c.until(3)).toMatchObject([{ pair: 'XBT/USD' }, { pair: 'ETH/USD' }, { pair: 'SOL/USD' }])
    c.ws.send(JSON.stringify({ event: 'subscribe', reqid: 11, pairs: [] }))
    expect((await c.until(4))[3]).toEqual({ event: 'subscribed', reqid: 11, status: 'ok' })
    c.ws.close()
  })

  it('restarts the sockets when an example changes (the client module is unchanged), then plays the new one', async () => {
    const c = await open(`ws://${origin}/__api/market/market`)
    await c.until(3)
    await writeFile(SPEC, (await readFile(SPEC, 'utf8')).replace('SOL/USD', 'ADA/USD'))
    expect(await c.closed).toBe(1012)
    const next = await open(`ws://${origin}/__api/market/market`)
    expect((await next.until(3))[2]).toMatchObject({ pair: 'ADA/USD' })
    next.ws.close()
  })

  it("restarts the sockets when the page's hot client says it runs the new document", async () => {
    const c = await open(`ws://${origin}/__api/market/market`)
    await c.until(3)
    // What the hot variant's `import.meta.hot.send(...)` puts on Vite's HMR socket.
    const hmr = await open(`ws://${origin}/?token=${vite.config.webSocketToken}`, 'vite-hmr')
    hmr.ws.send(JSON.stringify({ type: 'custom', event: 'codomyrmex:ws-refresh', data: { api: 'market' } }))
    expect(await c.closed).toBe(1012)
    hmr.ws.close()
  })
})
