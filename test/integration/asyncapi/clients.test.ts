import { join, resolve } from 'node:path'
import { afterEach, beforeAll, describe, expect, it } from 'vitest'
import type { WsApiConnection } from '../../../runtime/index'
import { closeAll, kraken, open, play, recorder } from '../../helpers/asyncapi-servers'
import { build } from '../../helpers/bundlers'

/**
 * Clients generated from corpus documents, bundled with esbuild and the plugin (the documents are
 * recognised by content), against `ws` servers on 127.0.0.1 that play each document's examples.
 */
const CORPUS = resolve(__dirname, '../../fixtures/corpus/asyncapi')
const FIXTURE = resolve(__dirname, '../../fixtures/asyncapi-app')
const OUT = resolve(__dirname, '../../.tmp/asyncapi-app')

interface Connect {
  connect(options: Record<string, unknown>): Promise<WsApiConnection>
}
let app: { kraken: Connect; echo: Connect; slack: Connect }

beforeAll(async () => {
  const main = await build('esbuild', {
    root: FIXTURE,
    entry: 'main.js',
    outDir: OUT,
    options: {
      apis: {
        kraken: join(CORPUS, 'spec-kraken-websocket-request-reply-message-filter-in-reply-asyncapi.yml'),
        echo: join(CORPUS, 'generator-asyncapi-postman-echo.yml'),
        slack: join(CORPUS, 'spec-slack-rtm-asyncapi.yml'),
      },
      dts: false,
      cacheDir: false,
    },
  })
  app = (await import(main)) as typeof app
}, 120_000)

afterEach(closeAll)

describe('Kraken (request/reply, routing by `event`)', () => {
  it('request resolves with the reply of the same reqid, and concurrent requests are not confused', async () => {
    const server = await play(kraken)
    const ws = await app.kraken.connect({ url: server.url })
    const [a, b] = await Promise.all([ws.request.ping!({ event: 'ping', reqid: 7 }), ws.request.ping!({ event: 'ping', reqid: 8 })])
    expect(a).toEqual({ event: 'pong', reqid: 7 })
    expect(b).toEqual({ event: 'pong', reqid: 8 })
    // A reqid left out is filled in, and the reply still finds its request.
    const status = (await ws.request.subscribe!({ event: 'subscribe', pair: ['XBT/USD'], subscription: { name: 'ohlc' } })) as { reqid: number; status: string }
    expect(status.status).toBe('subscribed')
    expect(typeof status.reqid).toBe('number')
    expect((server.received[2] as { reqid: number }).reqid).toBe(status.reqid)
    await ws.close()
  })

  it('request times out with a typed error when no reply comes, and aborts on its signal', async () => {
    const server = await play(() => undefined)
    const ws = await app.kraken.connect({ url: server.url })
    const timedOut = await ws.request.ping!({ event: 'ping', reqid: 1 }, { timeout: 50 }).catch((e: unknown) => e)
    expect(timedOut).toMatchObject({ name: 'WsRequestError', code: 'ERR_WS_REQUEST_TIMEOUT' })
    const controller = new AbortController()
    const aborted = ws.request.ping!({ event: 'ping', reqid: 2 }, { signal: controller.signal }).catch((e: unknown) => e)
    await server.nextReceived()
    controller.abort()
    expect(await aborted).toMatchObject({ code: 'ERR_WS_REQUEST_ABORTED' })
    const closing = ws.request.ping!({ event: 'ping', reqid: 3 }).catch((e: unknown) => e)
    await server.nextReceived()
    await ws.close()
    expect(await closing).toMatchObject({ code: 'ERR_WS_REQUEST_CLOSED' })
  })

  it('receive() gets the frames of one message; a frame of no message reaches `unknown` and the logger', async () => {
    const server = await play(kraken)
    const logger = recorder()
    const ws = await app.kraken.connect({ url: server.url, logger })
    const heartbeats = ws.receive('heartbeat')
    const unknown = ws.unknown[Symbol.asyncIterator]()
    ws.socket.send({ event: 'say' })
    expect((await heartbeats.next()).value).toEqual({ event: 'heartbeat' })
    ws.socket.send({ event: 'mystery' })
    expect((await unknown.next()).value).toEqual({ event: 'notInTheDocument' })
    expect(logger.events.some((e) => e.event === 'ws.unknown')).toBe(true)
    await ws.close()
    // Streams end with the connection.
    expect((await heartbeats.next()).done).toBe(true)
    void server
  })

  it('a user `match` routes frames before the document rules', async () => {
    const server = await play(kraken)
    const ws = await app.kraken.connect({
      url: server.url,
      match: (frame: { event?: string }) => (frame.event === 'notInTheDocument' ? 'systemStatus' : undefined),
    })
    const status = ws.receive('systemStatus')
    ws.socket.send({ event: 'mystery' })
    expect((await status.next()).value).toEqual({ event: 'notInTheDocument' })
    await ws.close()
  })

  it('sends marked `resubscribe` are sent again after the server restarts', async () => {
    const first = await play(kraken)
    const ws = await app.kraken.connect({ url: first.url, reconnect: { initialDelay: 10, maxDelay: 50, maxAttempts: 1000 }, resubscribe: ['subscribe'] })
    const subscribe = { event: 'subscribe', reqid: 5, pair: ['XBT/USD'], subscription: { name: 'ticker' } }
    ws.send.subscribe!(subscribe)
    ws.send.ping!({ event: 'ping', reqid: 6 })
    await first.nextReceived()
    await first.nextReceived()
    const reconnected = new Promise((resolve) => ws.socket.on('reconnected', resolve))
    const port = first.port
    await first.close()
    open.splice(open.indexOf(first), 1)
    const second = await play(kraken, port)
    expect(await second.nextReceived()).toEqual(subscribe)
    await reconnected
    // Only the marked message was replayed.
    expect(second.received).toEqual([subscribe])
    await ws.close()
  })
})

describe('Postman echo (client perspective, reply on the same channel)', () => {
  it('sends every example of the document and receives each back, typed as the echo message', async () => {
    const server = await play((frame) => frame)
    const ws = await app.echo.connect({ url: server.url })
    const echoes = ws.receive('echo')
    const examples = ['test', { test: 'test text' }]
    for (const example of examples) ws.send.echo!(example)
    for (const example of examples) expect((await echoes.next()).value).toEqual(example)
    expect(await ws.request.echo!({ n: 1 })).toEqual({ n: 1 })
    await ws.close()
  })
})

describe('Slack RTM (httpApiKey in query, 46 messages routed by `type`)', () => {
  it('sends the token only where allowed, redacted in logs, and routes by type', async () => {
    const server = await play((frame) => ((frame as { type?: string }).type === 'message' ? { type: 'hello' } : undefined))
    const logger = recorder()
    const withheld = await app.slack.connect({ url: server.url, auth: { token: 'xoxb-secret' }, logger })
    expect(server.upgrades[0]).not.toContain('xoxb-secret')
    expect(logger.events.some((e) => e.event === 'ws.auth' && /not a server of the document/.test(e.message))).toBe(true)
    await withheld.close()
    const ws = await app.slack.connect({
      url: server.url,
      auth: { token: 'xoxb-secret' },
      authOrigins: [`http://127.0.0.1:${server.port}`, server.url],
      logger,
    })
    expect(server.upgrades[1]).toContain('token=xoxb-secret')
    expect(JSON.stringify(logger.events)).not.toContain('xoxb-secret')
    const hello = ws.receive('hello')
    ws.send.outgoingMessage!({ id: 1, type: 'message', channel: 'C1', text: 'hi' })
    expect((await hello.next()).value).toEqual({ type: 'hello' })
    await ws.close()
  })

  it('without `url` it says the document names no socket (its server is https)', async () => {
    const error = await app.slack.connect({}).catch((e: unknown) => e)
    expect(error).toMatchObject({ code: 'ERR_WS_API_URL' })
    expect((error as Error).message).toBe('Slack Real Time Messaging API: the document names no WebSocket server: pass `url`')
    const named = await app.slack.connect({ server: 'production' }).catch((e: unknown) => e)
    expect((named as Error).message).toBe('Slack Real Time Messaging API: no WebSocket server "production" (servers: none)')
  })
})
