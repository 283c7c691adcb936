import { mkdir, writeFile } from 'node:fs/promises'
import { join, resolve } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { connectWsApi, type WsApiDef, type WsMessageDef, wsBasic, wsHandshakeAuth, wsSend } from '../../../runtime/internal'
import { generatedModule } from '../../helpers/asyncapi-module'
import { closeAll, kraken, open, play, recorder } from '../../helpers/asyncapi-servers'

/**
 * The runtime from source (so coverage counts) under the module the generator writes for corpus
 * documents; clients.test.ts runs the same through a real bundler build.
 */
const CORPUS = resolve(__dirname, '../../fixtures/corpus/asyncapi')
const moduleOf = (file: string) => generatedModule(join(CORPUS, file))

afterEach(closeAll)

describe('connectWsApi on the Kraken document', () => {
  it('requests, routes, reports unknown frames, and replays resubscribed sends after a restart', async () => {
    const api = await moduleOf('spec-kraken-websocket-request-reply-multiple-channels-asyncapi.yml')
    const first = await play(kraken)
    const logger = recorder()
    const ws = await api.connect({
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
    const api = await moduleOf('spec-kraken-websocket-request-reply-message-filter-in-reply-asyncapi.yml')
    const server = await play(() => undefined)
    const ws = await api.connect({ url: server.url })
    const controller = new AbortController()
    controller.abort(new Error('stop'))
    await expect(ws.request.ping!({ event: 'ping', reqid: 1 }, { signal: controller.signal })).rejects.toMatchObject({ code: 'ERR_WS_REQUEST_ABORTED' })
    const closing = ws.request.ping!({ event: 'ping', reqid: 3 }).catch((e: unknown) => e)
    await server.nextReceived()
    await ws.close()
    expect(await closing).toMatchObject({ name: 'WsRequestError', code: 'ERR_WS_REQUEST_CLOSED', request: 'ping' })
    await expect(ws.request.ping!({ event: 'ping', reqid: 2 })).rejects.toMatchObject({ code: 'ERR_WS_NOT_OPEN' })
  })
})

describe('connectWith: a connection with some of the messages', () => {
  it('knows only the messages given (and the replies of its requests); the others reach `unknown`, logged at debug', async () => {
    const api = await moduleOf('spec-kraken-websocket-request-reply-message-filter-in-reply-asyncapi.yml')
    const server = await play(kraken)
    const logger = recorder()
    const ws = await api.connectWith([api.ping as WsMessageDef], { url: server.url, logger })
    expect(Object.keys(ws.send)).toEqual(['ping'])
    expect(Object.keys(ws.request)).toEqual(['ping'])
    // pong is not in the list, but the request brought it in: the reply is recognised.
    expect(await ws.request.ping!({ event: 'ping', reqid: 3 })).toEqual({ event: 'pong', reqid: 3 })
    const unknown = ws.unknown[Symbol.asyncIterator]()
    ws.socket.send({ event: 'say' })
    // heartbeat is a message of the document, but not of this connection.
    expect((await unknown.next()).value).toEqual({ event: 'heartbeat' })
    expect(logger.events.filter((e) => e.event === 'ws.unknown').map((e) => e.level)).toEqual(['debug'])
    await ws.close()
  })

  it('the module exports each message once, with its routing data; `connect` opens with all of them', async () => {
    const api = await moduleOf('spec-kraken-websocket-request-reply-message-filter-in-reply-asyncapi.yml')
    expect(api.heartbeat).toEqual({ name: 'heartbeat', in: { prop: 'event', values: ['heartbeat'] } })
    const ping = api.ping as WsMessageDef
    expect(ping).toMatchObject({ name: 'ping', out: wsSend, correlation: '/reqid' })
    expect(ping.replies?.().map((m) => m.name)).toEqual(['pong'])
    const server = await play(kraken)
    const logger = recorder()
    const ws = await api.connect({ url: server.url, logger })
    expect(Object.keys(ws.send).sort()).toEqual(['ping', 'subscribe', 'unsubscribe'])
    const heartbeats = ws.receive('heartbeat')
    ws.socket.send({ event: 'say' })
    expect((await heartbeats.next()).value).toEqual({ event: 'heartbeat' })
    const unknown = ws.unknown[Symbol.asyncIterator]()
    ws.socket.send({ event: 'mystery' })
    expect((await unknown.next()).value).toEqual({ event: 'notInTheDocument' })
    expect(logger.events.filter((e) => e.event === 'ws.unknown').map((e) => e.level)).toContain('warn')
    await ws.close()
  })
})

describe('a document changed under an open connection (the Vite hot module)', () => {
  it('routes by the rewritten message objects once `rev` is bumped', async () => {
    const api: WsApiDef = { title: 'Hot', servers: [], channels: {}, inbound: 1 }
    const ticker: WsMessageDef = { name: 'ticker', in: { prop: 'event', values: ['ticker'] } }
    const server = await play((frame) => frame)
    const ws = await connectWsApi(api, [ticker], { url: server.url })
    const tickers = ws.receive('ticker')
    const unknown = ws.unknown[Symbol.asyncIterator]()
    ws.socket.send({ event: 'tick' })
    expect((await unknown.next()).value).toEqual({ event: 'tick' })
    // What the hot footer does: the same object, new data, and a new revision.
    ticker.in = { prop: 'event', values: ['tick'] }
    api.rev = 1
    ws.socket.send({ event: 'tick' })
    expect((await tickers.next()).value).toEqual({ event: 'tick' })
    await ws.close()
  })
})

describe('connectWsApi handshake', () => {
  it('sends headers, basic credentials and query from the options', async () => {
    const api: WsApiDef = {
      title: 'Basic',
      servers: [{ name: 'local', url: 'ws://127.0.0.1:1' }],
      channels: { root: { address: '/feed' } },
      inbound: 1,
      security: [{ name: 'user', in: 'header', param: 'Authorization', scheme: 'Basic ', encode: wsBasic }],
      auth: wsHandshakeAuth,
    }
    const messages: WsMessageDef[] = [
      { name: 'any', in: {} },
      { name: 'note', out: wsSend, text: true },
    ]
    const server = await play((frame) => frame)
    const ws = await connectWsApi(api, messages, {
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
    const api: WsApiDef = {
      title: 'Bearer',
      servers: [],
      channels: {},
      inbound: 0,
      security: [{ name: 'jwt', in: 'header', param: 'Authorization', scheme: 'Bearer ' }],
      auth: wsHandshakeAuth,
    }
    const server = await play(() => undefined)
    // Without `authOrigins`, a `url` that is not a server of the document gets no credentials.
    const logger = recorder()
    const withheld = await connectWsApi(api, [], { url: server.url, auth: { jwt: () => 'tok' }, logger })
    expect(server.headers[0]?.authorization).toBeUndefined()
    expect(logger.events.find((e) => e.event === 'ws.auth')?.message).toContain('Bearer: credentials not sent to ws://127.0.0.1:')
    await withheld.close()
    const ws = await connectWsApi(api, [], { url: server.url, authOrigins: [server.url], auth: { jwt: () => 'tok' } })
    expect(server.headers[1]?.authorization).toBe('Bearer tok')
    await ws.close()
  })
})

/** A document with server variables, a channel parameter and the given security schemes (`http` bearer, `userPassword`…). */
async function securedDocument(name: string, schemes: Record<string, object>): Promise<string> {
  const dir = resolve(__dirname, '../../.tmp/asyncapi-docs')
  await mkdir(dir, { recursive: true })
  const file = join(dir, `${name}.json`)
  const doc = {
    asyncapi: '3.0.0',
    info: { title: name, version: '1' },
    servers: {
      local: {
        host: '127.0.0.1:{port}',
        protocol: 'ws',
        variables: { port: { default: '1' } },
        security: Object.keys(schemes).map((k) => ({ $ref: `#/components/securitySchemes/${k}` })),
      },
    },
    channels: { room: { address: '/rooms/{roomId}', parameters: { roomId: {} }, messages: { note: { payload: { type: 'object' } } } } },
    operations: { receiveNote: { action: 'receive', channel: { $ref: '#/channels/room' }, messages: [{ $ref: '#/channels/room/messages/note' }] } },
    components: { securitySchemes: schemes },
  }
  await writeFile(file, JSON.stringify(doc))
  return file
}

describe('generated data for placeholders and header schemes', () => {
  it('fills server variables and encodes channel parameters (wsFill), and sends an http bearer token', async () => {
    const file = await securedDocument('bearer', { jwt: { type: 'http', scheme: 'bearer' } })
    const api = await generatedModule(file)
    const server = await play(() => undefined)
    const ws = await api.connect({ variables: { port: String(server.port) }, parameters: { roomId: 'a b/c' }, auth: { jwt: () => 'tok' } })
    expect(server.upgrades[0]).toBe('/rooms/a%20b%2Fc')
    expect(server.headers[0]?.authorization).toBe('Bearer tok')
    await ws.close()
    await expect(api.connect({ variables: { port: String(server.port) } })).rejects.toThrow(/channel parameter "roomId" has no value and no default/)
  })

  it('sends userPassword credentials as basic authorization', async () => {
    const file = await securedDocument('basic', { user: { type: 'userPassword' } })
    const api = await generatedModule(file)
    const server = await play(() => undefined)
    const ws = await api.connect({ variables: { port: String(server.port) }, parameters: { roomId: 1 }, auth: { user: { username: 'ada', password: 'é' } } })
    expect(server.upgrades[0]).toBe('/rooms/1')
    expect(server.headers[0]?.authorization).toBe(`Basic ${Buffer.from('ada:é').toString('base64')}`)
    await ws.close()
  })
})
