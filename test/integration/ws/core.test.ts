import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { LogEvent } from '../../../runtime/log/types'
import {
  createWebSocket,
  createWebSocketCore,
  heartbeatFeature,
  queueFeature,
  reconnectFeature,
  WebSocketConnectError,
  WebSocketHandshakeError,
  WebSocketMessageTooBigError,
  WebSocketQueueOverflowError,
  wsAuthFeature,
  wsLoggerFeature,
  wsMessageSizeFeature,
} from '../../../runtime/ws/index'
import { startServer, type TestServer } from '../../helpers/ws-servers'

describe('createWebSocketCore: a plain client, features opted in', () => {
  let server: TestServer
  beforeAll(async () => {
    server = await startServer('ws')
  })
  afterAll(() => server.close())

  it('connects, echoes and closes with no features; a send before open throws instead of queueing', async () => {
    const client = createWebSocketCore<{ n: number }>(server.url(), {}, {})
    const connecting = client.connect()
    expect(() => client.send({ n: 0 })).toThrow(/cannot send while connecting/)
    await connecting
    client.send({ n: 1 })
    expect(await client.receive()).toEqual({ n: 1 })
    await client.close()
    expect(client.state).toBe('closed')
  })

  it('queues with queueFeature', async () => {
    const client = createWebSocketCore<{ n: number }>(server.url(), {}, queueFeature)
    const connecting = client.connect()
    expect(client.send({ n: 2 })).toBe(true) // accepted: queued, delivered once open
    await connecting
    expect(await client.receive()).toEqual({ n: 2 })
    await client.close()
  })

  it('refuses an option whose feature was not passed, naming the feature', () => {
    expect(() => createWebSocketCore(server.url(), { reconnect: true }, {})).toThrow('WebSocket option reconnect needs reconnectFeature')
    expect(() => createWebSocketCore(server.url(), { heartbeat: { interval: 1000, timeout: 500 } }, reconnectFeature)).toThrow('needs heartbeatFeature')
    expect(() => createWebSocketCore(server.url(), { queue: { limit: 5 } }, {})).toThrow('needs queueFeature')
    expect(() => createWebSocketCore(server.url(), { auth: { token: 't', in: 'query' } }, {})).toThrow('WebSocket option auth needs wsAuthFeature')
    expect(() => createWebSocketCore(server.url(), { logger: console }, {})).toThrow('WebSocket option logger needs wsLoggerFeature')
    expect(() => createWebSocketCore(server.url(), { maxMessageSize: 10 }, {})).toThrow('WebSocket option maxMessageSize needs wsMessageSizeFeature')
    expect(() =>
      createWebSocketCore(server.url(), { reconnect: true, heartbeat: { interval: 1000, timeout: 500 } }, { ...reconnectFeature, ...heartbeatFeature }),
    ).not.toThrow()
  })

  it('a refused handshake is a connect failure; reconnectFeature reads its status and Retry-After', async () => {
    server.refuse = { status: 503, headers: { 'Retry-After': '2' } }
    try {
      // `headers` makes crossws pick `ws`, the only socket that exposes the refused response.
      const plain = await createWebSocketCore(server.url(), { headers: { 'x-a': '1' } })
        .connect()
        .catch((e: unknown) => e)
      expect(plain).toBeInstanceOf(WebSocketConnectError)
      expect(plain).not.toBeInstanceOf(WebSocketHandshakeError)
      expect(plain).toMatchObject({ code: 'ERR_WS_CONNECT' })
      expect(String((plain as Error).cause)).toContain('503')
      const read = await createWebSocketCore(server.url(), { headers: { 'x-a': '1' } }, reconnectFeature)
        .connect()
        .catch((e: unknown) => e)
      expect(read).toBeInstanceOf(WebSocketHandshakeError)
      expect(read).toMatchObject({ status: 503, retryAfter: 2000, code: 'ERR_WS_HANDSHAKE' })
    } finally {
      server.refuse = undefined
    }
  })

  it('wsAuthFeature, wsLoggerFeature and wsMessageSizeFeature do what their options say', async () => {
    const events: LogEvent[] = []
    const sink = (e: LogEvent): void => void events.push(e)
    const client = createWebSocketCore<unknown, string>(
      server.url('/auth'),
      { auth: { token: () => server.validToken, in: 'query' }, logger: { debug: sink, info: sink, warn: sink, error: sink }, maxMessageSize: 100 },
      { ...wsAuthFeature, ...wsLoggerFeature, ...wsMessageSizeFeature },
    )
    await client.connect()
    // /auth closes with 4401 unless the token came with the handshake.
    expect(await client.receive()).toEqual({ welcome: server.validToken })
    expect(() => client.send('x'.repeat(101))).toThrow(WebSocketMessageTooBigError)
    await client.close()
    expect(events.map((e) => e.event)).toEqual(['ws.connect', 'ws.open', 'ws.close'])
  })
})

describe('send() says whether the message was accepted (issue 12)', () => {
  let server: TestServer
  beforeAll(async () => {
    server = await startServer('ws')
  })
  afterAll(() => server.close())

  it('true when queued before connect() (then delivered in order), true when sent on an open socket', async () => {
    const client = createWebSocket<string>(server.url())
    expect(client.send('early')).toBe(true)
    expect(client.state).toBe('idle')
    await client.connect()
    expect(client.send('late')).toBe(true)
    expect([await client.receive(), await client.receive()]).toEqual(['early', 'late'])
    await client.close()
  })

  it("false when the queue is full and drops the newest; 'drop-oldest' accepts it; 'throw' throws; closed throws", async () => {
    const newest = createWebSocket<string>(server.url(), { queue: { limit: 1, overflow: 'drop-newest' } })
    expect([newest.send('a'), newest.send('b')]).toEqual([true, false])
    await newest.connect()
    expect(await newest.receive()).toBe('a')
    await newest.close()
    expect(() => newest.send('c')).toThrow(/cannot send while closed/)

    const oldest = createWebSocket<string>(server.url(), { queue: { limit: 1, overflow: 'drop-oldest' } })
    expect([oldest.send('a'), oldest.send('b')]).toEqual([true, true])
    await oldest.connect()
    expect(await oldest.receive()).toBe('b')
    await oldest.close()

    const strict = createWebSocket<string>(server.url(), { queue: { limit: 1 } })
    strict.send('a')
    expect(() => strict.send('b')).toThrow(WebSocketQueueOverflowError)
    await strict.close()
  })
})
