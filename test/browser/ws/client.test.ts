import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type * as WsModule from '../../../runtime/ws/index'
import { type BrowserPage, openClientPage } from '../../helpers/ws-browser'
import { startServer, type TestServer } from '../../helpers/ws-servers'

type PageWindow = typeof globalThis & {
  ws: typeof WsModule
  nativeCalls: number
  client?: WsModule.WebSocketClient<unknown, unknown>
  log: string[]
}

// The client bundled for browsers, in headless Chromium, with the browser's own WebSocket.
describe('WebSocket client in headless Chromium', () => {
  let browser: BrowserPage
  let server: TestServer
  beforeAll(async () => {
    ;[browser, server] = await Promise.all([openClientPage(), startServer('crossws')])
  })
  afterAll(async () => {
    await browser?.close()
    await server?.close()
  })

  it('exchanges JSON and binary messages through the native constructor', async () => {
    const result = await browser.page.evaluate(async (url) => {
      const w = window as unknown as PageWindow
      const client = await w.ws.connectWebSocket<{ hello: string }>(url, { protocols: ['chat'] })
      client.send({ hello: 'browser' })
      const json = await client.receive()
      const raw = await w.ws.connectWebSocket(url, { codec: w.ws.rawCodec() })
      raw.sendRaw(new Uint8Array([7, 8, 9]))
      const bytes = [...new Uint8Array((await raw.receive()) as ArrayBuffer)]
      const protocol = client.protocol
      await Promise.all([client.close(), raw.close()])
      return { json, bytes, protocol, state: client.state, nativeCalls: w.nativeCalls }
    }, server.url())
    expect(result).toEqual({ json: { hello: 'browser' }, bytes: [7, 8, 9], protocol: 'chat', state: 'closed', nativeCalls: 2 })
  })

  it('puts the token in the query string or a subprotocol (browsers cannot send headers)', async () => {
    const result = await browser.page.evaluate(async (url) => {
      const w = window as unknown as PageWindow
      const q = await w.ws.connectWebSocket(url, { auth: { token: async () => 'good', in: 'query' } })
      const p = await w.ws.connectWebSocket(url, {
        protocols: ['chat'],
        auth: { token: 'good', in: 'protocol', name: 'tok.' },
      })
      const out = [await q.receive(), await p.receive()]
      await Promise.all([q.close(), p.close()])
      return out
    }, server.url('/auth'))
    expect(result).toEqual([{ welcome: 'good' }, { welcome: 'good' }])
  })

  it('reconnects after the server drops the connection, and flushes what was queued meanwhile', async () => {
    await browser.page.evaluate(async (url) => {
      const w = window as unknown as PageWindow
      w.log = []
      w.client = await w.ws.connectWebSocket(url, { reconnect: { initialDelay: 50 } })
      w.client.on('close', (c) => w.log.push(`close ${c.code}`))
      w.client.on('reconnecting', (r) => {
        w.log.push(`reconnecting ${r.attempt}`)
        w.client!.send('queued')
      })
      w.client.on('reconnected', (r) => w.log.push(`reconnected ${r.attempts}`))
    }, server.url())
    server.dropAll()
    const result = await browser.page.evaluate(async () => {
      const w = window as unknown as PageWindow
      const echoed = await w.client!.receive()
      await w.client!.close()
      return { echoed, log: w.log }
    })
    expect(result).toEqual({ echoed: 'queued', log: ['close 1006', 'reconnecting 1', 'reconnected 1', 'close 1000'] })
  })

  it('detects a silent server with the application-level heartbeat', async () => {
    server.answerPings = false
    try {
      const result = await browser.page.evaluate(async (url) => {
        const w = window as unknown as PageWindow
        // A clock that moves by the client's own timer delays only (test/helpers/lag-free-timers,
        // inlined for the page): the window is exact however late a loaded machine runs timers.
        let now = 0
        const timers = {
          now: () => now,
          random: () => 0.5,
          setTimeout: (fn: () => void, ms: number) => {
            const at = now + ms
            return setTimeout(() => {
              now = Math.max(now, at)
              fn()
            }, ms)
          },
          clearTimeout: (handle: unknown) => clearTimeout(handle as ReturnType<typeof setTimeout>),
        }
        const client = await w.ws.connectWebSocket(url, {
          heartbeat: { interval: 50, timeout: 50, message: 'ping', pong: 'pong' },
          timers,
        })
        const started = now
        const error = (await client.receive().catch((e: unknown) => e)) as Error & { closeCode?: number; cause?: Error }
        return { took: now - started, closeCode: error.closeCode, cause: error.cause?.name }
      }, server.url())
      expect(result.closeCode).toBe(4000)
      expect(result.cause).toBe('WebSocketHeartbeatTimeoutError')
      expect(result.took).toBeLessThanOrEqual(50 + 50)
    } finally {
      server.answerPings = true
    }
  })

  it('enforces maxMessageSize itself (native sockets have no limit) and closes with 1009', async () => {
    const result = await browser.page.evaluate(async (url) => {
      const w = window as unknown as PageWindow
      const client = w.ws.createWebSocket(url, { maxMessageSize: 1000, codec: w.ws.rawCodec() })
      const errors: string[] = []
      client.on('error', (e) => errors.push(e.name))
      const closed = new Promise<number>((resolve) => client.on('close', (c) => resolve(c.code)))
      await client.connect()
      return { code: await closed, errors }
    }, server.url('/big/5000'))
    expect(result.code).toBe(1009)
    expect(result.errors[0]).toBe('WebSocketMessageTooBigError')
  })

  it('reports a refused handshake as a connect error (browsers hide the HTTP status)', async () => {
    server.refuse = { status: 503, headers: { 'Retry-After': '1' } }
    try {
      const result = await browser.page.evaluate(async (url) => {
        const w = window as unknown as PageWindow
        const error = (await w.ws.connectWebSocket(url).catch((e: unknown) => e)) as Error & { code: string }
        return { name: error.name, code: error.code, message: error.message }
      }, server.url())
      expect(result).toMatchObject({ name: 'WebSocketConnectError', code: 'ERR_WS_CONNECT' })
      expect(result.message).toContain(server.url())
    } finally {
      server.refuse = undefined
    }
  })
})
