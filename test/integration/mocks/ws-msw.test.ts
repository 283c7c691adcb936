import { resolve } from 'node:path'
import { ws } from 'msw'
import { setupServer } from 'msw/node'
import { createServer, type ViteDevServer } from 'vite'
import { WebSocket as WsWebSocket } from 'ws'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import networking from '../../../src/index'
import type { WsApiConnection } from '../../../runtime/ws-api/types'
import { createWsMockHandlers, type WsMockSpec } from '../../../src/mock/index'

const ROOT = resolve(__dirname, 'fixture')
const MARKET = resolve(__dirname, '../../../playground/vite-app/market.yaml')
const KRAKEN = resolve(__dirname, '../../fixtures/corpus/asyncapi/spec-kraken-websocket-request-reply-multiple-channels-asyncapi.yml')

type Connect = (options?: Record<string, unknown>) => Promise<WsApiConnection>
type Handlers = Parameters<typeof setupServer>
interface Loaded {
  market: { connect: Connect }
  marketMocks: { handlers: Handlers; spec: WsMockSpec }
  kraken: { connect: Connect }
  krakenMocks: { createHandlers(options?: { url?: string | string[] }): { handlers: Handlers }; handlers: Handlers; spec: WsMockSpec }
}

let vite: ViteDevServer
let app: Loaded
let msw: ReturnType<typeof setupServer>
const open: WsApiConnection[] = []

beforeAll(async () => {
  // msw intercepts the global WebSocket class only; Node 20 has none without a flag (Node 22 does).
  if (typeof globalThis.WebSocket === 'undefined') {
    Object.defineProperty(globalThis, 'WebSocket', { value: WsWebSocket, configurable: true, writable: true })
  }
  vite = await createServer({
    root: ROOT,
    configFile: false,
    logLevel: 'silent',
    mode: 'test',
    server: { middlewareMode: true, ws: false },
    plugins: [networking.vite({ apis: { market: MARKET, kraken: KRAKEN }, dts: false, cacheDir: false })],
  })
  app = (await vite.ssrLoadModule('/ws-app.js')) as Loaded
  // Kraken's document names no server: the handlers and the client are given one URL.
  msw = setupServer(...app.marketMocks.handlers, ...app.krakenMocks.createHandlers({ url: 'wss://kraken.test/ws' }).handlers)
  msw.listen({ onUnhandledRequest: 'error' })
}, 60_000)

afterEach(async () => {
  await Promise.all(open.splice(0).map((c) => c.close()))
  msw.resetHandlers()
})

afterAll(async () => {
  msw?.close()
  await vite?.close()
})

/** Connects through msw's patched global class (the one `setupServer().listen()` installed). */
async function connect(api: { connect: Connect }, options: Record<string, unknown> = {}): Promise<WsApiConnection> {
  const connection = await api.connect({ WebSocket: globalThis.WebSocket, ...options })
  open.push(connection)
  return connection
}

async function take<T>(stream: AsyncIterableIterator<T>, n: number): Promise<T[]> {
  const out: T[] = []
  for await (const item of stream) {
    out.push(item)
    if (out.length === n) break
  }
  return out
}

describe('virtual:api/<name>/mocks of an AsyncAPI document, with msw ws.link', () => {
  it('links the document server joined with each channel address', () => {
    expect(app.marketMocks.spec.urls).toEqual(['wss://market.example.com/v1/market'])
    expect(app.krakenMocks.spec.urls).toEqual([])
  })

  it('pushes the receive examples to a client that connects to the document server', async () => {
    const ws = await connect(app.market)
    const tickers = ws.receive('ticker' as never) as AsyncIterableIterator<{ pair: string; price: number }>
    expect(await take(tickers, 3)).toEqual([
      { event: 'ticker', pair: 'XBT/USD', price: 64250.5 },
      { event: 'ticker', pair: 'ETH/USD', price: 3120.25 },
      { event: 'ticker', pair: 'SOL/USD', price: 142.1 },
    ])
  })

  it('answers a request with its reply example, carrying the request correlation id', async () => {
    const ws = await connect(app.market)
    const request = ws.request as unknown as Record<string, (payload: unknown) => Promise<unknown>>
    const [a, b] = await Promise.all([
      request.subscribe!({ event: 'subscribe', pairs: ['XBT/USD'], reqid: 7 }),
      request.subscribe!({ event: 'subscribe', pairs: ['ETH/USD'] }),
    ])
    expect(a).toEqual({ event: 'subscribed', reqid: 7, status: 'ok' })
    // The client filled in an id of its own; the mock sent it back, so the two did not mix up.
    expect(b).toMatchObject({ event: 'subscribed', status: 'ok' })
    expect((b as { reqid: unknown }).reqid).not.toBe(7)
  })

  it('answers a reply without an example with a payload sampled from its schema (Kraken ping → pong)', async () => {
    const ws = await connect(app.kraken, { url: 'wss://kraken.test/ws' })
    const request = ws.request as unknown as Record<string, (payload: unknown) => Promise<unknown>>
    expect(await request.ping!({ event: 'ping', reqid: 42 })).toEqual({ event: 'pong', reqid: 42 })
    // Two reply messages (subscriptionStatus, dummyCurrencyInfo): the one with an example answers.
    expect(await request.subscribe!({ event: 'subscribe', reqid: 5, pair: ['XBT/USD'], subscription: { name: 'ticker' } })).toMatchObject({
      event: 'subscriptionStatus',
      reqid: 5,
      channelName: 'ohlc-5',
    })
  })

  it('sends nothing back for a frame that is no message of the document', async () => {
    const ws = await connect(app.kraken, { url: 'wss://kraken.test/ws' })
    const request = ws.request as unknown as Record<string, (payload: unknown, init?: { timeout?: number }) => Promise<unknown>>
    ws.socket.send({ event: 'nonsense' })
    // The next request is answered: the unknown frame did not break the mock, and got no reply of its own.
    const unknown: unknown[] = []
    void (async () => {
      for await (const frame of ws.unknown) unknown.push(frame)
    })()
    expect(await request.ping!({ event: 'ping', reqid: 1 })).toEqual({ event: 'pong', reqid: 1 })
    expect(unknown).toEqual([])
  })

  it('createWsMockHandlers (what the module calls) reads text and binary frames from the client', async () => {
    msw.use(...createWsMockHandlers(app.marketMocks.spec, { ws }, { url: 'wss://src.test/market' }).handlers)
    const socket = new globalThis.WebSocket('wss://src.test/market')
    socket.binaryType = 'arraybuffer'
    const frames: unknown[] = []
    const waiters: Array<() => void> = []
    socket.onmessage = (event: { data: unknown }) => {
      frames.push(JSON.parse(String(event.data)))
      for (const w of waiters.splice(0)) w()
    }
    const until = async (n: number) => {
      while (frames.length < n) await new Promise<void>((done) => waiters.push(done))
      return frames
    }
    await new Promise((done) => socket.addEventListener('open', done, { once: true }))
    expect(await until(3)).toHaveLength(3)
    socket.send(new TextEncoder().encode(JSON.stringify({ event: 'subscribe', reqid: 21, pairs: [] })))
    expect((await until(4))[3]).toEqual({ event: 'subscribed', reqid: 21, status: 'ok' })
    socket.send(new Blob([JSON.stringify({ event: 'subscribe', reqid: 22, pairs: [] })]))
    expect((await until(5))[4]).toEqual({ event: 'subscribed', reqid: 22, status: 'ok' })
    socket.close()
  })
})
