import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { connectWebSocket, createWebSocket, WebSocketClosedError, type WebSocketClient } from '../../../runtime/ws/index'
import { heldClock } from '../../helpers/lag-free-timers'
import { type ServerKind, startServer, type TestServer } from '../../helpers/ws-servers'

const next = <T>(subscribe: (fn: (v: T) => void) => () => void): Promise<T> =>
  new Promise((resolve) => {
    const off = subscribe((v) => {
      off()
      resolve(v)
    })
  })

describe.each<ServerKind>(['crossws', 'ws'])('auth and reconnect with a %s server', (kind) => {
  let server: TestServer
  beforeAll(async () => {
    server = await startServer(kind)
  })
  afterAll(() => server.close())

  it.each([
    ['header', (h: TestServer['upgrades'][number]) => h.headers.authorization, 'Bearer good'],
    ['query', (h: TestServer['upgrades'][number]) => new URL(h.url, 'http://x').searchParams.get('access_token'), 'good'],
    ['protocol', (h: TestServer['upgrades'][number]) => h.headers['sec-websocket-protocol'], 'chat,tok.good'],
  ] as const)('sends the token in the %s', async (where, read, expected) => {
    const before = server.upgrades.length
    const client = await connectWebSocket(server.url('/auth'), {
      protocols: 'chat',
      headers: { 'X-App': 'test' },
      auth: { token: () => 'good', in: where, ...(where === 'protocol' ? { name: 'tok.' } : {}) },
    })
    expect(await client.receive()).toEqual({ welcome: 'good' })
    expect(read(server.upgrades[before]!)).toBe(expected)
    // Plain headers go along with the token (they need `ws`, which Node 20 uses).
    expect(server.upgrades[before]!.headers['x-app']).toBe('test')
    await client.close()
  })

  it('asks the token provider again on every reconnect', async () => {
    const tokens = ['good', 'good', 'good']
    let calls = 0
    const client = await connectWebSocket(server.url('/auth'), {
      auth: { token: async () => tokens[calls++] ?? 'good' },
      reconnect: { initialDelay: 10 },
    })
    await client.receive()
    server.dropAll()
    await next((fn) => client.on('reconnected', fn))
    expect(await client.receive()).toEqual({ welcome: 'good' })
    expect(calls).toBe(2)
    await client.close()
  })

  it('never reconnects with a fixed token the server refused (4401)', async () => {
    const client = createWebSocket(server.url('/auth'), { auth: { token: 'stale' }, reconnect: { initialDelay: 5 } })
    let reconnecting = 0
    client.on('reconnecting', () => reconnecting++)
    await client.connect()
    const error = await client.receive().catch((e: unknown) => e)
    expect(error).toBeInstanceOf(WebSocketClosedError)
    expect(error).toMatchObject({ closeCode: 4401, reason: 'unauthorized' })
    expect(reconnecting).toBe(0)
    expect(client.state).toBe('closed')
  })

  it('after a refused token, asks the provider on the backoff schedule but never reconnects with the same token', async () => {
    let calls = 0
    const client = createWebSocket(server.url('/auth'), {
      auth: { token: () => (calls++, 'stale') },
      reconnect: { initialDelay: 5, maxAttempts: 3 },
    })
    const reasons: string[] = []
    client.on('reconnecting', (r) => reasons.push(r.reason))
    const before = server.upgrades.length
    await client.connect()
    const error = await client.receive().catch((e: unknown) => e)
    expect(reasons).toEqual(['awaiting a new token', 'awaiting a new token', 'awaiting a new token'])
    expect(calls).toBe(4) // the connection, then one check per attempt
    expect(server.upgrades.length - before).toBe(1) // the server saw the refused token once
    expect((error as Error).message).toMatch(/gave up reconnecting after 3 attempts/)
    expect((error as Error).cause).toMatchObject({ closeCode: 4401 })
  })

  it('reconnects after an auth failure once the provider yields a new token', async () => {
    let token = 'stale'
    const client = createWebSocket(server.url('/auth'), { auth: { token: () => token }, reconnect: { initialDelay: 5 } })
    client.on('close', () => {
      token = 'good'
    })
    await client.connect()
    expect(await client.receive()).toEqual({ welcome: 'good' })
    await client.close()
  })

  it('treats a handshake refused with 401 like an auth close: retry only with a new token', async () => {
    server.refuse = { status: 401 }
    try {
      const before = server.upgrades.length
      const stuck = createWebSocket(server.url(), {
        auth: { token: () => 'same' },
        reconnect: { initialDelay: 5, maxAttempts: 2 },
      })
      const error = await stuck.connect().catch((e: unknown) => e)
      expect(error).toMatchObject({ code: 'ERR_WS_RECONNECT' })
      expect((error as Error).cause).toMatchObject({ status: 401, code: 'ERR_WS_HANDSHAKE' })
      expect(server.upgrades.length - before).toBe(1)

      let n = 0
      const fresh = createWebSocket(server.url(), {
        auth: { token: () => `t${++n}` },
        reconnect: { initialDelay: 5 },
      })
      const retried = next<{ attempt: number }>((fn) => fresh.on('reconnecting', fn))
      const connected = fresh.connect()
      expect(await retried).toMatchObject({ attempt: 1 })
      server.refuse = undefined
      await connected
      expect(server.upgrades.at(-1)?.headers.authorization).toBe('Bearer t2')
      await fresh.close()
    } finally {
      server.refuse = undefined
    }
  })

  it('does not reconnect after the user closed, even when the server then vanishes', async () => {
    const client = await connectWebSocket(server.url(), { reconnect: { initialDelay: 1 } })
    let reconnecting = 0
    client.on('reconnecting', () => reconnecting++)
    await client.close()
    server.dropAll()
    await new Promise((r) => setTimeout(r, 30))
    expect(reconnecting).toBe(0)
    expect(client.state).toBe('closed')
  })

  it('counts attempts across short-lived connections and resets after minUptime', async () => {
    // The client's clock moves only when the test moves it: a loaded machine cannot make the
    // short-lived connection look long-lived (nor the reverse).
    const clock = heldClock()
    const client = await connectWebSocket(server.url(), { reconnect: { initialDelay: 5, minUptime: 80 }, timers: clock.timers })
    const attempts: number[] = []
    client.on('reconnecting', (r) => attempts.push(r.attempt))
    const cycle = async () => {
      const back = next((fn) => client.on('reconnected', fn))
      server.dropAll()
      await back
    }
    await cycle() // first loss: attempt 1
    await cycle() // up for no time at all: the count goes on
    clock.advance(100)
    await cycle() // up longer than minUptime: a fresh count
    expect(attempts).toEqual([1, 2, 1])
    await client.close()
  })

  it('gives up after maxAttempts with the last failure as cause', async () => {
    const probe = await startServer(kind)
    const client = await connectWebSocket(probe.url(), { reconnect: { initialDelay: 5, maxAttempts: 3 } })
    const attempts: number[] = []
    client.on('reconnecting', (r) => attempts.push(r.attempt))
    await probe.close()
    const error = await client.receive().catch((e: unknown) => e)
    expect(attempts).toEqual([1, 2, 3])
    expect((error as Error).message).toMatch(/gave up reconnecting after 3 attempts \(maxAttempts reached\); last: /)
    expect((error as Error & { code: string }).code).toBe('ERR_WS_RECONNECT')
  })
})

describe('reconnect storm', () => {
  it('spreads 100 clients that lost their server over the jitter window', async () => {
    const server = await startServer('ws')
    const clients: WebSocketClient[] = []
    try {
      const window = 600
      // Each client gets its own random draw, evenly spread over [0, 1) (what Math.random gives a
      // crowd on average): the test then depends on neither chance nor the machine's speed.
      const delays: number[] = []
      for (let i = 0; i < 100; i++) {
        const client = await connectWebSocket(server.url(`/echo?client=${i}`), {
          reconnect: { initialDelay: window },
          timers: { random: () => (i + 0.5) / 100 },
        })
        client.on('reconnecting', (r) => {
          delays[i] = r.delay
        })
        clients.push(client)
      }
      const back = Promise.all(clients.map((c) => next((fn) => c.on('reconnected', fn))))
      const lostAt = Date.now()
      const firstUpgrade = server.upgrades.length
      server.dropAll()
      await back
      const upgrades = server.upgrades.slice(firstUpgrade)
      expect(upgrades).toHaveLength(100)
      expect(delays.filter((d) => d !== undefined)).toHaveLength(100)
      // Full jitter: the delays spread over [0, window), 25 per quarter and 8 or 9 per 50 ms slice.
      // Without jitter all 100 would fall in one slice.
      const quarters = [0, 0, 0, 0]
      for (const d of delays) quarters[Math.min(3, Math.floor((d / window) * 4))]!++
      for (const q of quarters) expect(q).toBeGreaterThanOrEqual(8)
      const slices = new Map<number, number>()
      for (const d of delays) slices.set(Math.floor(d / 50), (slices.get(Math.floor(d / 50)) ?? 0) + 1)
      expect(Math.max(...slices.values())).toBeLessThanOrEqual(40)
      expect(Math.max(...delays)).toBeLessThan(window)
      // And each client really waited its delay before it came back (a timer never fires early;
      // 1 ms for timer rounding).
      for (const u of upgrades) {
        const i = Number(new URL(u.url, 'http://x').searchParams.get('client'))
        expect(u.at - lostAt).toBeGreaterThanOrEqual(delays[i]! - 1)
      }
    } finally {
      await Promise.all(clients.map((c) => c.close()))
      await server.close()
    }
  })
})
