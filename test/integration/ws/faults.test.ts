import net from 'node:net'
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import {
  connectWebSocket,
  createWebSocket,
  rawCodec,
  WebSocketConnectError,
  WebSocketHandshakeError,
  WebSocketHeartbeatTimeoutError,
  WebSocketMessageTooBigError,
  WebSocketQueueOverflowError,
} from '../../../runtime/ws/index'
import { heldClock, lagFreeTimers } from '../../helpers/lag-free-timers'
import { type ServerKind, startServer, startSilentServer, type TestServer } from '../../helpers/ws-servers'

/**
 * Node >= 22 has a global (undici) WebSocket, which crossws/websocket picks for a client that asks
 * for nothing only `ws` has. It cannot show a refused handshake's status, and undici 6 (Node 22)
 * leaves the TCP connection of an abandoned handshake open.
 */
const native = typeof globalThis.WebSocket === 'function'
const undiciMajor = Number(process.versions.undici?.split('.')[0] ?? 0)

const once = <T>(subscribe: (fn: (v: T) => void) => () => void): Promise<T> =>
  new Promise((resolve) => {
    const off = subscribe((v) => {
      off()
      resolve(v)
    })
  })

describe.each<ServerKind>(['crossws', 'ws'])('faults with a %s server', (kind) => {
  let server: TestServer
  beforeAll(async () => {
    server = await startServer(kind)
  })
  afterAll(() => server.close())

  it('reconnects after the server drops TCP without a close frame, re-subscribes, then flushes the queue', async () => {
    const client = await connectWebSocket<string>(server.url(), {
      reconnect: { initialDelay: 20 },
      onReconnect: () => void client.send('subscribe'),
    })
    const events: string[] = []
    client.on('close', (c) => events.push(`close ${c.code} ${c.wasClean}`))
    client.on('reconnecting', (r) => events.push(`reconnecting ${r.attempt}`))
    const reconnected = once<{ attempts: number }>((fn) => client.on('reconnected', fn))
    server.dropAll()
    await once((fn) => client.on('reconnecting', fn))
    expect(client.send('queued while down')).toBe(true) // accepted: queued
    expect(await reconnected).toEqual({ attempts: 1 })
    expect(events).toEqual(['close 1006 false', 'reconnecting 1'])
    expect(await client.receive()).toBe('subscribe')
    expect(await client.receive()).toBe('queued while down')
    await client.close()
  })

  it('detects a server that stops answering heartbeat pings, then reconnects', async () => {
    // The clock moves by the client's own timer delays only, so the window below is exact on a
    // loaded machine; a pong timeout far above a round trip on 127.0.0.1 (even a stalled one) so an
    // answered ping is never taken for a dead peer.
    const clock = lagFreeTimers()
    const [interval, timeout] = [40, 1_000]
    const client = await connectWebSocket(server.url(), {
      heartbeat: { interval, timeout, message: 'ping', pong: 'pong', protocolPing: false },
      reconnect: { initialDelay: 10 },
      timers: clock.timers,
    })
    // Answered pings keep the connection alive (for longer than the timeout) and are not delivered
    // as messages.
    const ticks = () => clock.fired().filter((ms) => ms === interval).length
    const before = ticks()
    await vi.waitFor(() => expect(ticks()).toBeGreaterThanOrEqual(before + timeout / interval + 2), { timeout: 30_000, interval: 20 })
    expect(client.state).toBe('open')
    server.answerPings = false
    const started = clock.now()
    const error = await once<Error>((fn) => client.on('error', fn))
    expect(error).toBeInstanceOf(WebSocketHeartbeatTimeoutError)
    // Within interval + timeout; not before the timeout ran.
    expect(clock.now() - started).toBeLessThanOrEqual(interval + timeout)
    expect(clock.now() - started).toBeGreaterThanOrEqual(interval)
    server.answerPings = true
    await once((fn) => client.on('reconnected', fn))
    client.send('after')
    expect(await client.receive()).toBe('after')
    await client.close()
  })

  it('stays responsive while the server floods it, keeping at most receiveBuffer messages', async () => {
    const client = await connectWebSocket<{ i: number }, { i: number } | string>(server.url(), { receiveBuffer: 100 })
    const first = client.receive()
    let delivered = 0
    const done = new Promise<void>((resolve) =>
      client.on('message', (m) => {
        delivered++
        if (m.i === -1) resolve()
      }),
    )
    client.sendRaw('flood:5000')
    client.send({ i: -1 }) // echoed after the flood
    await done
    expect(delivered).toBe(5001)
    expect(await first).toEqual({ i: 0 })
    // Callbacks saw every message; the receive() buffer kept only the newest 100.
    expect(await client.receive()).toEqual({ i: 4901 })
    await client.close()
  })

  it('buffers nothing for a callback-only consumer', async () => {
    const client = createWebSocket<{ i: number }>(server.url('/flood/2000'))
    let delivered = 0
    client.on('message', () => delivered++)
    await client.connect()
    while (delivered < 2000) await new Promise((r) => setTimeout(r, 5))
    client.send({ i: -1 })
    // Nothing of the flood was held for receive(): the first message it sees is the echo.
    expect(await client.receive()).toEqual({ i: -1 })
    await client.close()
  })

  it('answers a 503 with Retry-After by waiting exactly that long before reconnecting', async () => {
    server.refuse = { status: 503, headers: { 'Retry-After': '1' } }
    try {
      const plain = await connectWebSocket(server.url()).catch((e: unknown) => e)
      if (native) {
        // The native class reports a bare failure; the status is not exposed (documented).
        expect(plain).toBeInstanceOf(WebSocketConnectError)
        expect(plain).not.toBeInstanceOf(WebSocketHandshakeError)
        expect(plain).toMatchObject({ code: 'ERR_WS_CONNECT' })
        expect((plain as Error).cause).toBeDefined()
      } else {
        expect(plain).toBeInstanceOf(WebSocketHandshakeError)
        expect(plain).toMatchObject({ status: 503, retryAfter: 1000, code: 'ERR_WS_HANDSHAKE' })
      }
      // With headers (or reconnect), `ws` is used everywhere and the status is there.
      const viaWs = await connectWebSocket(server.url(), { headers: { 'x-a': '1' } }).catch((e: unknown) => e)
      expect(viaWs).toBeInstanceOf(WebSocketHandshakeError)
      expect(viaWs).toMatchObject({ status: 503, retryAfter: 1000, code: 'ERR_WS_HANDSHAKE' })

      const client = createWebSocket(server.url(), { reconnect: { initialDelay: 10 } })
      const planned = once<{ delay: number; reason: string }>((fn) => client.on('reconnecting', fn))
      const first = server.upgrades.length
      const connected = client.connect()
      expect(await planned).toMatchObject({ delay: 1000, reason: 'retry-after' })
      server.refuse = undefined
      await connected
      const [refused, accepted] = server.upgrades.slice(first)
      expect(accepted!.at - refused!.at).toBeGreaterThanOrEqual(990)
      await client.close()
    } finally {
      server.refuse = undefined
    }
  })

  it('gives up when the server asks to wait longer than maxRetryAfter', async () => {
    server.refuse = { status: 429, headers: { 'Retry-After': '3600' } }
    try {
      const client = createWebSocket(server.url(), { reconnect: { maxRetryAfter: 5_000 } })
      const error = await client.connect().catch((e: unknown) => e)
      expect(error).toBeInstanceOf(WebSocketConnectError)
      expect((error as Error).message).toMatch(/gave up reconnecting after 0 attempts \(the server asked to wait longer than allowed\)/)
      expect((error as Error).cause).toMatchObject({ status: 429, retryAfter: 3_600_000 })
    } finally {
      server.refuse = undefined
    }
  })

  it('closes with 1009 on a message over maxMessageSize, and refuses to send one', async () => {
    const client = createWebSocket(server.url('/big/4096'), { maxMessageSize: 1024, codec: rawCodec() })
    const error = once<Error>((fn) => client.on('error', fn))
    const close = once<{ code: number }>((fn) => client.on('close', fn))
    await client.connect()
    expect(await error).toBeInstanceOf(WebSocketMessageTooBigError)
    expect((await close).code).toBe(1009)
    const sender = await connectWebSocket(server.url(), { maxMessageSize: 10, codec: rawCodec() })
    expect(() => sender.sendRaw('x'.repeat(11))).toThrow(WebSocketMessageTooBigError)
    expect(() => sender.sendRaw(new Uint8Array(11))).toThrow(/11 bytes over the 10-byte limit/)
    await sender.close()
  })

  it('reports back-pressure when bufferedAmount passes highWaterMark, and drain() waits it out', async () => {
    const client = await connectWebSocket(server.url('/sink'), { highWaterMark: 64 * 1024, codec: rawCodec() })
    const chunk = new Uint8Array(1024 * 1024)
    let sends = 1
    // The kernel takes the first few MB; once it is full, bufferedAmount grows.
    while (client.sendRaw(chunk)) sends++
    expect(sends).toBeLessThan(64)
    expect(client.bufferedAmount).toBeGreaterThanOrEqual(64 * 1024)
    await client.drain()
    expect(client.bufferedAmount).toBeLessThan(64 * 1024)
    await client.close()
  })

  it('applies the queue overflow policy while disconnected', async () => {
    const client = createWebSocket<string>(server.url(), { queue: { limit: 2, overflow: 'throw' } })
    void client.connect()
    client.send('a')
    client.send('b')
    expect(() => client.send('c')).toThrow(WebSocketQueueOverflowError)
    await client.connect()
    expect([await client.receive(), await client.receive()]).toEqual(['a', 'b'])
    await client.close()

    const warnings: string[] = []
    // The client sees time pass only when the test moves its clock: a connect slowed by load
    // cannot age 'b' and 'c' past their ttl.
    const clock = heldClock()
    const ttl = createWebSocket<string>(server.url(), {
      queue: { limit: 3, overflow: 'drop-newest', ttl: 40 },
      logger: { debug() {}, info() {}, warn: (e) => warnings.push(e.message), error() {} },
      timers: clock.timers,
    })
    expect(ttl.send('stale')).toBe(true)
    clock.advance(60)
    // The queue holds 3: 'dropped' is refused (drop-newest), and send says so.
    expect(['b', 'c', 'dropped'].map((m) => ttl.send(m))).toEqual([true, true, false])
    await ttl.connect()
    expect([await ttl.receive(), await ttl.receive()]).toEqual(['b', 'c'])
    expect(warnings.join('\n')).toMatch(/send queue full: dropped a message[^]*dropped 1 queued messages past their time to live/)
    await ttl.close()

    const noQueue = createWebSocket<string>(server.url(), { queue: false })
    expect(() => noQueue.send('x')).toThrow(/cannot send while idle/)
  })
})

describe('faults with a peer that goes silent after the handshake', () => {
  it('detects the dead peer with protocol pings within interval + timeout', async () => {
    const silent = await startSilentServer()
    try {
      // The clock moves by the client's own timer delays only: the window is exact under load.
      const clock = lagFreeTimers()
      const client = await connectWebSocket(silent.url, { heartbeat: { interval: 50, timeout: 50 }, timers: clock.timers })
      const started = clock.now()
      const error = await client.receive().catch((e: unknown) => e)
      expect(clock.now() - started).toBeLessThanOrEqual(50 + 50)
      expect(error).toMatchObject({ closeCode: 4000, reason: 'heartbeat timeout' })
      expect((error as Error).cause).toBeInstanceOf(WebSocketHeartbeatTimeoutError)
    } finally {
      await silent.close()
    }
  })

  it('close() resolves after closeTimeout when the peer never completes the close handshake', async () => {
    const silent = await startSilentServer()
    try {
      // The clock moves by the client's own timer delays only: exactly closeTimeout, under any load.
      const clock = lagFreeTimers()
      const client = await connectWebSocket(silent.url, { closeTimeout: 100, timers: clock.timers })
      const closes: unknown[] = []
      client.on('close', (c) => closes.push(c))
      const started = clock.now()
      await client.close()
      expect(closes).toEqual([{ code: 1006, reason: 'close handshake timed out', wasClean: false }])
      expect(clock.now() - started).toBe(100)
      expect(client.state).toBe('closed')
    } finally {
      await silent.close()
    }
  })

  it('times out a handshake that never gets an answer', async () => {
    const tcp = net.createServer(() => {})
    await new Promise<void>((r) => tcp.listen(0, '127.0.0.1', r))
    try {
      const port = (tcp.address() as net.AddressInfo).port
      const error = await connectWebSocket(`ws://127.0.0.1:${port}/`, { connectTimeout: 100 }).catch((e: unknown) => e)
      expect(error).toBeInstanceOf(WebSocketConnectError)
      expect(error).toMatchObject({ code: 'ERR_WS_CONNECT_TIMEOUT' })
    } finally {
      tcp.close()
    }
  })
})

describe('closing during a connection attempt', () => {
  it('abandons a handshake in flight at once instead of waiting for connectTimeout', async () => {
    // Reads (so it notices the client hanging up) but never answers the upgrade.
    const tcp = net.createServer((socket) => socket.resume())
    await new Promise<void>((r) => tcp.listen(0, '127.0.0.1', r))
    try {
      const port = (tcp.address() as net.AddressInfo).port
      // The clock moves by the client's own timer delays only: "at once" is "no timer had to run".
      const clock = lagFreeTimers()
      const client = createWebSocket(`ws://127.0.0.1:${port}/`, { connectTimeout: 60_000, timers: clock.timers })
      const connecting = client.connect().catch((e: unknown) => e)
      const connections = () => new Promise<number>((r) => tcp.getConnections((_e, n) => r(n)))
      await vi.waitFor(async () => expect(await connections()).toBe(1), { timeout: 30_000, interval: 5 })
      const started = clock.now()
      await client.close()
      expect(await connecting).toMatchObject({ code: 'ERR_WS_CLOSED' })
      expect(clock.fired()).toEqual([])
      expect(clock.now()).toBe(started)
      // Nothing is left pending: the server sees the TCP connection go away. Undici 6's
      // close() on a connecting socket does not abort it (Node 22's native class; documented).
      if (native && undiciMajor < 7) expect(await connections()).toBe(1)
      else await vi.waitFor(async () => expect(await connections()).toBe(0), { timeout: 30_000, interval: 5 })
    } finally {
      tcp.close()
    }
  })
})
