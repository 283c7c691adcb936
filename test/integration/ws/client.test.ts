import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { connectWebSocket, createWebSocket, rawCodec, WebSocketClosedError, WebSocketConnectError, type WebSocketState } from '../../../runtime/ws/index'
import type { LogEvent, Logger } from '../../../runtime/log/types'
import { type ServerKind, startServer, type TestServer } from '../../helpers/ws-servers'

describe.each<ServerKind>(['crossws', 'ws'])('WebSocket client against a %s server', (kind) => {
  let server: TestServer
  beforeAll(async () => {
    server = await startServer(kind)
  })
  afterAll(() => server.close())

  it('sends and receives typed JSON messages and walks through its states', async () => {
    const states: WebSocketState[] = []
    const client = createWebSocket<{ n: number }, { n: number }>(server.url())
    client.on('state', (s) => states.push(s))
    expect(client.state).toBe('idle')
    const connecting = client.connect()
    expect(client.connect()).toBe(connecting)
    await connecting
    expect(client.send({ n: 1 })).toBe(true)
    client.send({ n: 2 })
    expect(await client.receive()).toEqual({ n: 1 })
    expect(await client.receive()).toEqual({ n: 2 })
    await client.close()
    expect(states).toEqual(['connecting', 'open', 'closing', 'closed'])
  })

  it('iterates messages with for await, and the loop ends when the client is closed', async () => {
    const client = await connectWebSocket<number>(server.url())
    for (const n of [1, 2, 3]) client.send(n)
    const seen: number[] = []
    for await (const n of client) {
      seen.push(n)
      if (n === 3) void client.close()
    }
    expect(seen).toEqual([1, 2, 3])
    expect(client.state).toBe('closed')
  })

  it('round-trips text and binary frames with the raw codec', async () => {
    const client = await connectWebSocket(server.url(), { codec: rawCodec() })
    client.sendRaw('plain text')
    client.sendRaw(new Uint8Array([1, 2, 3, 250]))
    expect(await client.receive()).toBe('plain text')
    const binary = await client.receive()
    expect(binary).toBeInstanceOf(ArrayBuffer)
    expect([...new Uint8Array(binary as ArrayBuffer)]).toEqual([1, 2, 3, 250])
    await client.close()
  })

  it('delivers binary frames as Blobs with binaryType blob', async () => {
    const client = await connectWebSocket(server.url(), { codec: rawCodec(), binaryType: 'blob' })
    client.sendRaw(new Uint8Array([5, 6]))
    const blob = (await client.receive()) as Blob
    expect(blob).toBeInstanceOf(Blob)
    expect([...new Uint8Array(await blob.arrayBuffer())]).toEqual([5, 6])
    await client.close()
  })

  it('negotiates a subprotocol', async () => {
    const client = await connectWebSocket(server.url(), { protocols: ['chat'] })
    expect(client.protocol).toBe('chat')
    await client.close()
  })

  it('close() resolves once closed, is idempotent, and later calls fail clearly', async () => {
    const client = await connectWebSocket(server.url())
    const closes: number[] = []
    client.on('close', (c) => closes.push(c.code))
    const first = client.close(4000, 'bye')
    expect(client.close()).toBe(first)
    await first
    await client.close()
    expect(client.state).toBe('closed')
    expect(closes).toEqual([4000])
    await expect(client.receive()).rejects.toBeInstanceOf(WebSocketClosedError)
    await expect(client.connect()).rejects.toBeInstanceOf(WebSocketClosedError)
    expect(() => client.send('late')).toThrow(/cannot send while closed/)
  })

  it('close() while connecting abandons the attempt and rejects connect()', async () => {
    const client = createWebSocket(server.url())
    const connecting = client.connect()
    await client.close()
    await expect(connecting).rejects.toBeInstanceOf(WebSocketClosedError)
    expect(client.state).toBe('closed')
  })

  it('reports a server close without reconnect as a WebSocketClosedError with code and reason', async () => {
    const client = await connectWebSocket(server.url('/close/4100'))
    const error = await client.receive().catch((e: unknown) => e)
    expect(error).toBeInstanceOf(WebSocketClosedError)
    expect(error).toMatchObject({ closeCode: 4100, reason: 'server says bye', code: 'ERR_WS_CLOSED' })
    await expect(
      (async () => {
        for await (const _ of client) void _
      })(),
    ).rejects.toBeInstanceOf(WebSocketClosedError)
  })

  it('fails to connect to a closed port with a WebSocketConnectError naming the URL', async () => {
    const probe = await startServer(kind)
    const url = probe.url()
    await probe.close()
    const error = await connectWebSocket(url).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(WebSocketConnectError)
    expect((error as Error).message).toContain(url)
    expect((error as Error).cause).toBeDefined()
  })

  it('logs through the given logger with tokens redacted from the URL', async () => {
    const events: LogEvent[] = []
    const logger: Logger = {
      debug: (e) => events.push(e),
      info: (e) => events.push(e),
      warn: (e) => events.push(e),
      error: (e) => events.push(e),
    }
    const client = await connectWebSocket(server.url(`/auth?access_token=${server.validToken}`), { logger })
    expect(await client.receive()).toEqual({ welcome: 'good' })
    await client.close()
    expect(events.map((e) => e.event)).toEqual(['ws.connect', 'ws.open', 'ws.close'])
    const text = JSON.stringify(events)
    expect(text).not.toContain('good')
    expect(events[1]?.url).toBe(server.url('/auth?access_token=REDACTED'))
  })
})
