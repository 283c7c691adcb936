import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import WebSocket from 'ws'
import {
  connectWebSocket,
  createWebSocket,
  rawCodec,
  WebSocketConnectError,
  WebSocketMessageTooBigError,
  type WebSocketConstructor,
} from '../../../runtime/ws/index'
import { lagFreeTimers } from '../../helpers/lag-free-timers'
import { startServer, type TestServer } from '../../helpers/ws-servers'

/** A user-supplied constructor that, like a browser's, enforces no message size limit. */
class Unlimited extends WebSocket {
  constructor(url: string, protocols?: string | string[], options?: WebSocket.ClientOptions) {
    super(url, protocols, { ...options, maxPayload: 0 })
  }
}

/** A constructor without `ws`'s terminate/ping/on extras: only the WHATWG surface. */
class WhatwgOnly {
  #inner: WebSocket
  constructor(url: string, protocols?: string | string[]) {
    this.#inner = new WebSocket(url, protocols)
    for (const k of ['onopen', 'onmessage', 'onerror', 'onclose'] as const) {
      Object.defineProperty(this, k, { set: (fn) => (this.#inner[k] = fn), get: () => this.#inner[k] })
    }
  }
  get readyState() {
    return this.#inner.readyState
  }
  get bufferedAmount() {
    return this.#inner.bufferedAmount
  }
  get protocol() {
    return this.#inner.protocol
  }
  set binaryType(v: string) {
    this.#inner.binaryType = v as 'arraybuffer'
  }
  send(d: string) {
    this.#inner.send(d)
  }
  close(code?: number, reason?: string) {
    this.#inner.close(code, reason)
  }
}

describe('user-supplied constructors and message handling', () => {
  let server: TestServer
  beforeAll(async () => {
    server = await startServer('ws')
  })
  afterAll(() => server.close())

  it('checks maxMessageSize itself when the constructor has no limit, and reports 1009', async () => {
    const client = createWebSocket(server.url('/big/4096'), {
      WebSocket: Unlimited as unknown as WebSocketConstructor,
      maxMessageSize: 1024,
      codec: rawCodec(),
    })
    const errors: Error[] = []
    client.on('error', (e) => errors.push(e))
    const closed = new Promise<number>((resolve) => client.on('close', (c) => resolve(c.code)))
    await client.connect()
    expect(await closed).toBe(1009)
    expect(errors[0]).toBeInstanceOf(WebSocketMessageTooBigError)
    expect(errors[0]).toMatchObject({ size: 4096, limit: 1024 })
  })

  it('works with a WHATWG-only constructor: no terminate, no protocol pings', async () => {
    // A pong timeout far above any round trip of a loaded machine; the test waits for the pings
    // themselves (heartbeat ticks), not for a time in which some should have gone out.
    const clock = lagFreeTimers()
    const client = await connectWebSocket<string>(server.url(), {
      WebSocket: WhatwgOnly as unknown as WebSocketConstructor,
      heartbeat: { interval: 20, timeout: 5_000, message: 'ping', pong: 'pong' },
      timers: clock.timers,
    })
    client.send('hi')
    expect(await client.receive()).toBe('hi')
    await vi.waitFor(() => expect(clock.fired().filter((ms) => ms === 20).length).toBeGreaterThanOrEqual(3), { timeout: 30_000, interval: 10 })
    expect(client.state).toBe('open')
    await client.close()
  })

  it('reports an undecodable message as an error event and keeps going', async () => {
    const client = await connectWebSocket<{ ok: boolean }>(server.url())
    const errors: (Error & { code?: string })[] = []
    client.on('error', (e) => errors.push(e))
    client.sendRaw('{not json')
    client.send({ ok: true })
    expect(await client.receive()).toEqual({ ok: true })
    expect(errors).toHaveLength(1)
    expect(errors[0]).toMatchObject({ code: 'ERR_WS_DECODE' })
    expect(errors[0]?.cause).toBeInstanceOf(SyntaxError)
    await client.close()
  })

  it('reports a failing re-subscribe hook, sync or async, without stopping the client', async () => {
    for (const hook of [
      () => {
        throw new Error('sync hook')
      },
      async () => {
        throw new Error('async hook')
      },
    ]) {
      const client = await connectWebSocket<string>(server.url(), { reconnect: { initialDelay: 5 }, onReconnect: hook })
      const error = new Promise<Error>((resolve) => client.on('error', resolve))
      server.dropAll()
      expect((await error).message).toMatch(/hook/)
      client.send('still here')
      expect(await client.receive()).toBe('still here')
      await client.close()
    }
  })

  it('turns a failing token provider into a connect error, and reconnect keeps asking', async () => {
    let calls = 0
    const client = createWebSocket(server.url('/auth'), {
      auth: {
        token: () => {
          if (++calls === 1) throw new Error('token service down')
          return 'good'
        },
      },
      reconnect: { initialDelay: 5 },
    })
    const first = new Promise<{ attempt: number }>((resolve) => client.on('reconnecting', resolve))
    await client.connect()
    expect(await first).toMatchObject({ attempt: 1 })
    expect(await client.receive()).toEqual({ welcome: 'good' })
    await client.close()
    const once = await connectWebSocket(server.url(), { auth: { token: () => Promise.reject(new Error('nope')) } }).catch((e: unknown) => e)
    expect(once).toBeInstanceOf(WebSocketConnectError)
    expect((once as Error).message).toMatch(/could not prepare the handshake/)
    expect((once as Error).cause).toMatchObject({ message: 'nope' })
  })

  it('still closes when close() is given a code the socket refuses', async () => {
    const client = await connectWebSocket(server.url())
    const errors: string[] = []
    client.on('error', (e) => errors.push((e as Error & { code: string }).code))
    await client.close(1005)
    expect(client.state).toBe('closed')
    expect(errors).toEqual(['ERR_WS_CLOSE'])
  })

  it('passes ws options only when needed, with no undefined keys (ws reads maxPayload: undefined as no limit)', async () => {
    const seen: unknown[] = []
    class Recording extends WebSocket {
      constructor(url: string, protocols?: string | string[], options?: WebSocket.ClientOptions) {
        seen.push(options)
        super(url, protocols, options)
      }
    }
    const Ctor = Recording as unknown as WebSocketConstructor
    for (const options of [{}, { headers: { 'x-a': '1' } }, { maxMessageSize: 2048 }]) {
      const client = await connectWebSocket(server.url(), { WebSocket: Ctor, ...options })
      await client.close()
    }
    expect(seen).toStrictEqual([undefined, { headers: { 'x-a': '1' } }, { maxPayload: 2048 }])
  })

  it('rejects an invalid URL with a connect error', async () => {
    const error = await connectWebSocket('not a url').catch((e: unknown) => e)
    expect(error).toBeInstanceOf(WebSocketConnectError)
    expect((error as Error).message).toMatch(/invalid URL or protocols/)
  })
})
