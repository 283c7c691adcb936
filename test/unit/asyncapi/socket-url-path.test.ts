import { afterEach, describe, expect, it, vi } from 'vitest'
import type { WsApiDef } from '../../../runtime/ws-api/types'
import { socketUrl } from '../../../runtime/ws-api/url'

// What the Vite dev mock gives a client: every server at `/__api/<name>` (src/asyncapi/plugin.ts).
const api: WsApiDef = {
  title: 'Market',
  servers: [{ name: 'production', url: '/__api/market' }],
  channels: { market: { address: '/market' }, root: { address: '/' } },
  channel: 'market',
  inbound: 0,
}

afterEach(() => vi.unstubAllGlobals())

describe('socketUrl with a path as the server (the dev mock)', () => {
  it.each([
    ['http://127.0.0.1:5173/app/?x=1', {}, 'ws://127.0.0.1:5173/__api/market/market'],
    ['https://dev.example.com/', { channel: 'root' }, 'wss://dev.example.com/__api/market'],
  ])('on %s, %j gives %s', (href, options, expected) => {
    vi.stubGlobal('location', { href })
    expect(socketUrl(api, options)).toBe(expected)
  })

  it('outside a page, says that a path needs one', () => {
    vi.stubGlobal('location', undefined)
    expect(() => socketUrl(api, {})).toThrow(/socket URL \/__api\/market is not absolute, and there is no page to resolve it against: pass an absolute `url`/)
  })
})
