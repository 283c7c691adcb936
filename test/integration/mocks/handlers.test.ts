import { createServer, type Server } from 'node:http'
import { http, HttpResponse } from 'msw'
import { setupServer } from 'msw/node'
import { WebSocket, WebSocketServer } from 'ws'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { resolve } from 'node:path'
import { ApiContext } from '../../../src/core/context'
import { resolveOptions } from '../../../src/core/options'
import { attachDevMockSockets, type DevMockSockets } from '../../../src/mock/dev-server'
import type { WsMockSpec } from '../../../src/mock/ws-spec'
import { createMockHandlers } from '../../../src/mock/handlers'
import { buildMockSpec } from '../../../src/mock/routes'

const MARKET = resolve(__dirname, '../../../playground/vite-app/market.yaml')

const spec = buildMockSpec('pets', {
  openapi: '3.0.3',
  servers: [{ url: '/api' }],
  paths: { '/pets': { get: { responses: { '200': { description: 'ok', content: { 'application/json': { example: [{ id: 1 }] } } } } } } },
})

describe('createMockHandlers (what the generated mocks module calls)', () => {
  const relative = createMockHandlers(spec, { http, HttpResponse })
  const absolute = createMockHandlers(spec, { http, HttpResponse }, { baseUrl: 'http://api.test/v9/' })
  const msw = setupServer(...relative.handlers, ...absolute.handlers)
  beforeAll(() => msw.listen({ onUnhandledRequest: 'error' }))
  afterAll(() => msw.close())

  it('serves a relative server path on any origin, and a given absolute base URL', async () => {
    expect(await (await fetch('http://anything.test/api/pets')).json()).toEqual([{ id: 1 }])
    const res = await fetch('http://api.test/v9/pets')
    expect(res.headers.get('content-type')).toBe('application/json')
    expect(await res.json()).toEqual([{ id: 1 }])
  })

  it('lets requests outside the document fall through to msw', async () => {
    await expect(fetch('http://api.test/v9/cats')).rejects.toThrow()
    await expect(fetch('http://api.test/other/pets')).rejects.toThrow()
  })
})

describe('dev mock sockets', () => {
  let server: Server
  let port: number
  const other = new WebSocketServer({ noServer: true })
  beforeAll(async () => {
    server = createServer()
    attachDevMockSockets(server, [{ name: 'pets' }])
    // Stands in for Vite's HMR socket on the same server: it must keep its upgrades.
    server.on('upgrade', (req, socket, head) => {
      if (req.url?.startsWith('/hmr')) other.handleUpgrade(req, socket, head, (ws) => ws.send('hmr here'))
    })
    await new Promise<void>((done) => server.listen(0, '127.0.0.1', done))
    port = (server.address() as { port: number }).port
  })
  afterAll(() => new Promise<void>((done) => server.close(() => done())))

  const first = (path: string, send?: string | Buffer) =>
    new Promise<string>((done, fail) => {
      const ws = new WebSocket(`ws://127.0.0.1:${port}${path}`)
      ws.on('open', () => send !== undefined && ws.send(send))
      ws.on('message', (data, binary) => {
        done(binary ? `binary:${Buffer.from(data as Buffer).toString()}` : String(data))
        ws.close()
      })
      ws.on('error', fail)
    })

  it('echoes text and binary under /__api/<name>/ and leaves other upgrades to their owner', async () => {
    expect(await first('/__api/pets/live', 'hello')).toBe('hello')
    expect(await first('/__api/pets/live', Buffer.from('bytes'))).toBe('binary:bytes')
    expect(await first('/hmr')).toBe('hmr here')
  })
})

describe('dev mock sockets of an AsyncAPI document', () => {
  let server: Server
  let port: number
  let sockets: DevMockSockets
  let current: WsMockSpec
  beforeAll(async () => {
    const context = new ApiContext(resolveOptions({ apis: { market: MARKET }, dts: false, cacheDir: false }, process.cwd()))
    current = (await context.mockSpec('market')).spec as WsMockSpec
    server = createServer()
    sockets = attachDevMockSockets(server, [{ name: 'market', spec: async () => current }])
    await new Promise<void>((done) => server.listen(0, '127.0.0.1', done))
    port = (server.address() as { port: number }).port
  }, 60_000)
  afterAll(() => new Promise<void>((done) => server.close(() => done())))

  /** A raw client: every frame it gets, and its close code once closed. */
  const client = async (path: string) => {
    const ws = new WebSocket(`ws://127.0.0.1:${port}${path}`)
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
    return { ws, frames, until, closed }
  }

  it('pushes the receive examples on connect and answers a request with its reply, reqid copied', async () => {
    const c = await client('/__api/market/market')
    expect(await c.until(3)).toEqual(current.greeting.map((f) => f.payload))
    c.ws.send(JSON.stringify({ event: 'subscribe', reqid: 3, pairs: ['XBT/USD'] }))
    expect((await c.until(4))[3]).toEqual({ event: 'subscribed', reqid: 3, status: 'ok' })
    c.ws.close()
  })

  it('restarts the sockets (1012) when told, and when the mock data changed', async () => {
    const a = await client('/__api/market/market')
    await a.until(3)
    sockets.refresh('market')
    expect(await a.closed).toBe(1012)
    const b = await client('/__api/market/market')
    await b.until(3)
    await sockets.refreshIfChanged('market')
    expect(b.ws.readyState).toBe(WebSocket.OPEN)
    current = { ...current, greeting: [{ message: 'ticker', payload: { event: 'ticker', pair: 'NEW/USD', price: 1 } }] }
    await sockets.refreshIfChanged('market')
    expect(await b.closed).toBe(1012)
    const c = await client('/__api/market/market')
    expect(await c.until(1)).toEqual([{ event: 'ticker', pair: 'NEW/USD', price: 1 }])
    c.ws.close()
  })
})
