import { join, resolve } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { connectWsApi, type WsApiDef } from '../../../runtime/internal'
import { apiDef } from '../../../src/asyncapi/codegen'
import { prepareAsyncApi } from '../../../src/asyncapi/prepare'
import { closeAll, kraken, open, play, recorder } from '../../helpers/asyncapi-servers'

/**
 * The runtime from source (so coverage counts) on the data the generator writes for corpus
 * documents; clients.test.ts runs the same through a real bundler build.
 */
const CORPUS = resolve(__dirname, '../../fixtures/corpus/asyncapi')

async function defOf(file: string, perspective?: 'client' | 'server'): Promise<WsApiDef> {
  const prepared = await prepareAsyncApi('test', join(CORPUS, file), { allowRemote: [], ...(perspective ? { perspective } : {}) })
  return apiDef(prepared.model)
}

afterEach(closeAll)

describe('connectWsApi on the Kraken document', () => {
  it('requests, routes, reports unknown frames, and replays resubscribed sends after a restart', async () => {
    const api = await defOf('spec-kraken-websocket-request-reply-multiple-channels-asyncapi.yml')
    const first = await play(kraken)
    const logger = recorder()
    const ws = await connectWsApi(api, {
      url: first.url,
      logger,
      reconnect: { initialDelay: 10, maxDelay: 50, maxAttempts: 1000 },
      resubscribe: true,
      requestTimeout: 5_000,
    })
    expect(await ws.request.ping!({ event: 'ping' })).toMatchObject({ event: 'pong', reqid: 1 })
    const heartbeats = ws.receive('heartbeat')
    const seen: unknown[] = []
    const off = ws.on('heartbeat', (frame) => seen.push(frame))
    ws.socket.send({ event: 'say' })
    expect((await heartbeats.next()).value).toEqual({ event: 'heartbeat' })
    expect(seen).toEqual([{ event: 'heartbeat' }])
    off()
    await heartbeats.return!()
    const unknown = ws.unknown[Symbol.asyncIterator]()
    ws.socket.send({ event: 'mystery' })
    expect((await unknown.next()).value).toEqual({ event: 'notInTheDocument' })
    expect(logger.events.find((e) => e.event === 'ws.unknown')?.message).toContain('matched no message of Kraken Websockets API')

    const subscribe = { event: 'subscribe' as const, reqid: 9, pair: ['XBT/USD'], subscription: { name: 'ticker' as const } }
    ws.send.subscribe!(subscribe)
    ws.send.subscribe!(subscribe)
    // ping, say, mystery, subscribe, subscribe
    for (let i = 0; i < 5; i++) await first.nextReceived()
    const port = first.port
    await first.close()
    open.splice(open.indexOf(first), 1)
    const second = await play(kraken, port)
    // Every marked send once (the same payload twice is one subscription), in order.
    // Raw socket sends are not replayed.
    expect([await second.nextReceived(), await second.nextReceived()]).toEqual([{ event: 'ping', reqid: 1 }, subscribe])
    await ws.close()
    expect((await unknown.next()).done).toBe(true)
    // After close, new streams end at once.
    expect((await ws.receive('heartbeat').next()).done).toBe(true)
    expect((await ws.unknown[Symbol.asyncIterator]().next()).done).toBe(true)
  })

  it('an aborted signal rejects at once; a send that throws rejects the request', async () => {
    const api = await defOf('spec-kraken-websocket-request-reply-message-filter-in-reply-asyncapi.yml')
    const server = await play(() => undefined)
    const ws = await connectWsApi(api, { url: server.url })
    const controller = new AbortController()
    controller.abort(new Error('stop'))
    await expect(ws.request.ping!({ event: 'ping', reqid: 1 }, { signal: controller.signal })).rejects.toMatchObject({ code: 'ERR_WS_REQUEST_ABORTED' })
    await ws.close()
    await expect(ws.request.ping!({ event: 'ping', reqid: 2 })).rejects.toMatchObject({ code: 'ERR_WS_NOT_OPEN' })
  })
})

describe('connectWsApi handshake', () => {
  it('sends headers, basic credentials and query from the options', async () => {
    const api: WsApiDef = {
      title: 'Basic',
      servers: [{ name: 'local', url: 'ws://127.0.0.1:1' }],
      channels: { root: { address: '/feed' } },
      messages: { any: {}, note: { text: true } },
      inbound: ['any'],
      send: { note: {} },
      security: [{ name: 'user', kind: 'basic' }],
    }
    const server = await play((frame) => frame)
    const ws = await connectWsApi(api, {
      url: server.url,
      authOrigins: [server.url],
      auth: { user: { username: 'ada', password: 'lovelace' } },
      headers: { 'x-client': 'test', skipped: undefined },
      query: { v: 2 },
    })
    expect(server.upgrades[0]).toBe('/feed?v=2')
    expect(server.headers[0]?.authorization).toBe(`Basic ${btoa('ada:lovelace')}`)
    expect(server.headers[0]?.['x-client']).toBe('test')
    // Text messages go out as is; a frame that is not JSON comes back as its text.
    const any = ws.receive('any')
    ws.send.note!('plain text')
    expect((await any.next()).value).toBe('plain text')
    await ws.close()
  })

  it('a bearer token goes in the Authorization header', async () => {
    const api: WsApiDef = { title: 'Bearer', servers: [], channels: {}, messages: {}, inbound: [], send: {}, security: [{ name: 'jwt', kind: 'bearer' }] }
    const server = await play(() => undefined)
    const ws = await connectWsApi(api, { url: server.url, authOrigins: [server.url], auth: { jwt: () => 'tok' } })
    expect(server.headers[0]?.authorization).toBe('Bearer tok')
    await ws.close()
  })
})
