import { mkdir, readFile, rm, writeFile } from 'node:fs/promises'
import { join, resolve } from 'node:path'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import type { WsApiConnection } from '../../../runtime/index'
import { buildWsModule } from '../../../src/asyncapi/codegen'
import { WS_REFRESH_EVENT, wsHotModule } from '../../../src/asyncapi/hot'
import { prepareAsyncApi } from '../../../src/asyncapi/prepare'
import { RUNTIME_ID, RUNTIME_INTERNAL_ID } from '../../../src/codegen/banner'
import { closeAll, play } from '../../helpers/asyncapi-servers'

/**
 * The Vite hot variant of an AsyncAPI client (src/asyncapi/hot.ts) run twice in one realm, as
 * Vite runs a self-accepting module after an edit: the second instance gets the first one's
 * `import.meta.hot.data` and must update the connections the first one opened. `import.meta.hot`
 * is the one thing stood in for (by an object with Vite's `data`, `accept` and `send`); the
 * runtime is the source, the server a real socket on 127.0.0.1. The browser path through Vite's
 * HMR is test/e2e/vite-app.test.ts.
 */
const WORK = resolve(__dirname, '../../.tmp/asyncapi-hot')
const MARKET = resolve(__dirname, '../../../playground/vite-app/market.yaml')
const RUNTIME = resolve(__dirname, '../../../runtime/index.ts')
const RUNTIME_INTERNAL = resolve(__dirname, '../../../runtime/internal.ts')

interface HotModule {
  default: { connect(options?: Record<string, unknown>): Promise<WsApiConnection> }
  connectWith(messages: unknown[], options?: Record<string, unknown>): Promise<WsApiConnection>
  [message: string]: unknown
}

/** What Vite gives every instance of one module: the same `data`; `send` goes to the dev server. */
const hot = {
  data: {} as Record<string, unknown>,
  sent: [] as Array<[string, unknown]>,
  accept() {},
  send: (event: string, data: unknown) => void hot.sent.push([event, data]),
}
let version = 0

/** The hot variant of `text` (an AsyncAPI document), imported as the next instance of the module. */
async function instance(text: string): Promise<HotModule> {
  const file = join(WORK, `market-${++version}.yaml`)
  await writeFile(file, text)
  const { model } = await prepareAsyncApi('market', file, { allowRemote: [] })
  const code = wsHotModule(buildWsModule(model), 'market')
    .replaceAll('import.meta.hot', 'globalThis.__hot')
    .replaceAll(JSON.stringify(RUNTIME_INTERNAL_ID), JSON.stringify(RUNTIME_INTERNAL))
    .replaceAll(JSON.stringify(RUNTIME_ID), JSON.stringify(RUNTIME))
  const out = join(WORK, `market-${version}.mjs`)
  await writeFile(out, code)
  return (await import(out)) as HotModule
}

/** market.yaml with a second pushed message, `trade` (`event: trade`). */
function withTrade(text: string): string {
  return text
    .replace(
      "      subscribed:\n        $ref: '#/components/messages/subscribed'\n",
      "      subscribed:\n        $ref: '#/components/messages/subscribed'\n      trade:\n        $ref: '#/components/messages/trade'\n",
    )
    .replace(
      'components:\n  messages:\n',
      "  receiveTrade:\n    action: receive\n    channel:\n      $ref: '#/channels/market'\n    messages:\n      - $ref: '#/channels/market/messages/trade'\ncomponents:\n  messages:\n    trade:\n      payload:\n        type: object\n        required: [event, pair]\n        properties:\n          event:\n            const: trade\n          pair:\n            type: string\n",
    )
}

let original: string

beforeAll(async () => {
  await rm(WORK, { recursive: true, force: true })
  await mkdir(WORK, { recursive: true })
  ;(globalThis as { __hot?: unknown }).__hot = hot
  original = await readFile(MARKET, 'utf8')
})

afterEach(closeAll)

afterAll(() => {
  delete (globalThis as { __hot?: unknown }).__hot
})

describe('the hot AsyncAPI module under an open connection', () => {
  it('routes a message the edit added to the document on the connection `connect` opened before (and stops when it is removed)', async () => {
    const first = await instance(original)
    const server = await play(() => undefined)
    const ws = await first.default.connect({ url: server.url })
    const trades = ws.receive('trade')
    const unknown = ws.unknown[Symbol.asyncIterator]()
    const [socket] = server.sockets
    // Before the edit, `trade` is no message of the document.
    socket!.send(JSON.stringify({ event: 'trade', pair: 'XBT/USD' }))
    expect((await unknown.next()).value).toEqual({ event: 'trade', pair: 'XBT/USD' })

    const edited = withTrade(original)
    expect(edited).toContain('receiveTrade')
    const second = await instance(edited)
    // The new instance ran the document and asked the dev mock to restart the API's sockets.
    expect(hot.sent).toEqual([[WS_REFRESH_EVENT, { api: 'market' }]])
    expect(second.trade).toEqual({ name: 'trade', in: { prop: 'event', values: ['trade'] } })
    socket!.send(JSON.stringify({ event: 'trade', pair: 'ETH/USD' }))
    // Frames arrive in order: the first one `unknown` gets after the trade says where the trade went.
    socket!.send(JSON.stringify({ event: 'sentinel' }))
    expect((await unknown.next()).value).toEqual({ event: 'sentinel' })
    expect((await trades.next()).value).toEqual({ event: 'trade', pair: 'ETH/USD' })
    // The old messages still route.
    const tickers = ws.receive('ticker')
    socket!.send(JSON.stringify({ event: 'ticker', pair: 'SOL/USD', price: 2 }))
    expect((await tickers.next()).value).toMatchObject({ pair: 'SOL/USD' })
    // A connection opened after the update through the first instance's `connect` knows it too.
    const later = await first.default.connect({ url: server.url })
    const laterTrades = later.receive('trade')
    ;[...server.sockets].at(-1)!.send(JSON.stringify({ event: 'trade', pair: 'ADA/USD' }))
    expect((await laterTrades.next()).value).toEqual({ event: 'trade', pair: 'ADA/USD' })
    await later.close()
    // Undoing the edit removes `trade` again: its frames are unknown once more.
    await instance(original)
    socket!.send(JSON.stringify({ event: 'trade', pair: 'DOT/USD' }))
    expect((await unknown.next()).value).toEqual({ event: 'trade', pair: 'DOT/USD' })
    await ws.close()
    expect((await unknown.next()).done).toBe(true)
  }, 20_000)
})
