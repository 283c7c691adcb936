import { describe, expect, it } from 'vitest'
import { wsHandshakeAuth as handshakeAuth, wsBasic } from '../../../runtime/ws-api/auth'
import { readPointer, route } from '../../../runtime/ws-api/route'
import type { WsApiDef, WsMessageDef } from '../../../runtime/ws-api/types'
import { socketUrl, wsFill } from '../../../runtime/ws-api/url'

const api: WsApiDef = {
  title: 'Test',
  servers: [
    { name: 'public', url: 'wss://api.example.com' },
    { name: 'regional', url: 'wss://{region}.example.com/v1', variables: { region: { default: 'eu' } } },
  ],
  channels: { market: { address: '/v1/marketdata/{symbol}', parameters: { symbol: {} } }, root: { address: '/' } },
  channel: 'market',
  inbound: 4,
  security: [
    { name: 'key', in: 'query', param: 'token' },
    { name: 'user', in: 'header', param: 'Authorization', scheme: 'Basic ', encode: wsBasic },
  ],
  fill: wsFill,
}

describe('socketUrl', () => {
  it.each([
    [{ parameters: { symbol: 'btc/usd' } }, 'wss://api.example.com/v1/marketdata/btc%2Fusd'],
    [{ server: 'regional', channel: 'root' }, 'wss://eu.example.com/v1'],
    [
      { server: 'regional', variables: { region: 'us' }, channel: 'root', query: { heartbeat: true, skip: undefined } },
      'wss://us.example.com/v1?heartbeat=true',
    ],
    [{ url: 'ws://127.0.0.1:1/', parameters: { symbol: '1inchusd' } }, 'ws://127.0.0.1:1/v1/marketdata/1inchusd'],
  ])('%j gives %s', (options, expected) => {
    expect(socketUrl(api, options)).toBe(expected)
  })

  it.each([
    [{}, /channel parameter "symbol" has no value and no default/],
    [{ channel: 'nope' }, /no channel "nope" \(channels: market, root\)/],
    [{ server: 'nope', channel: 'root' }, /no WebSocket server "nope" \(servers: public, regional\)/],
  ])('%j is refused naming what is missing', (options, message) => {
    expect(() => socketUrl(api, options)).toThrow(message)
  })

  it('without `fill` (a document with no placeholders) templates are used as written', () => {
    expect(socketUrl({ ...api, fill: undefined }, { parameters: { symbol: 'x' } })).toBe('wss://api.example.com/v1/marketdata/%7Bsymbol%7D')
  })

  it('asks for `url` when the document has no socket server', () => {
    expect(() => socketUrl({ ...api, servers: [] }, { channel: 'root' })).toThrow(/names no WebSocket server: pass `url`/)
  })
})

const inbound: WsMessageDef[] = [
  { name: 'heartbeat', in: { prop: 'type', values: ['heartbeat'] } },
  { name: 'update', in: { prop: 'type', values: ['update', 'snapshot'] } },
  { name: 'text', in: { type: 'string' } },
  { name: 'anything', in: {} },
]

describe('route', () => {
  it.each([
    [{ type: 'heartbeat' }, ['heartbeat']],
    [{ type: 'snapshot' }, ['update']],
    ['12:00 GMT', ['text']],
    [{ type: 'other' }, ['anything']],
    [[1, 2], ['anything']],
  ])('%j goes to %j', (frame, names) => {
    expect(route(inbound, frame)).toEqual(names)
  })

  it('the user match wins; an unknown name from it falls back to the rules', () => {
    expect(route(inbound, { type: 'heartbeat' }, () => 'update')).toEqual(['update'])
    expect(route(inbound, { type: 'heartbeat' }, () => 'nope')).toEqual(['heartbeat'])
  })

  it('without a catch-all, an unmatched frame matches nothing', () => {
    expect(route(inbound.slice(0, 1), { type: 'x' })).toEqual([])
  })

  it('readPointer reads nested and escaped members', () => {
    expect(readPointer({ a: { 'b/c': 1 } }, '/a/b~1c')).toBe(1)
    expect(readPointer({ a: 1 }, '/a/b')).toBeUndefined()
    expect(readPointer(5, '')).toBe(5)
  })
})

describe('handshakeAuth', () => {
  it('puts an API key in the query under its document name', () => {
    expect(handshakeAuth(api, { auth: { key: 's3cret' } }, 'wss://api.example.com/x').auth).toEqual({ token: 's3cret', in: 'query', name: 'token', scheme: '' })
  })

  it('sends basic credentials as a header (UTF-8, base64)', () => {
    expect(handshakeAuth(api, { auth: { user: { username: 'a', password: 'b' } } }, 'wss://api.example.com').auth).toEqual({
      token: btoa('a:b'),
      in: 'header',
      name: 'Authorization',
      scheme: 'Basic ',
    })
    expect(handshakeAuth(api, { auth: { user: { username: 'é', password: '€' } } }, 'wss://api.example.com').auth?.token).toBe(btoa('\xc3\xa9:\xe2\x82\xac'))
  })

  it('withholds credentials from a `url` that is not a server of the document, unless allowed', () => {
    const warnings: string[] = []
    const logger = { debug() {}, info() {}, error() {}, warn: (e: { message: string }) => void warnings.push(e.message) }
    expect(handshakeAuth(api, { url: 'wss://evil.example', auth: { key: 's' }, logger }, 'wss://evil.example/x')).toEqual({ withheld: 'wss://evil.example' })
    expect(warnings).toEqual(['Test: credentials not sent to wss://evil.example, which is not a server of the document (add it to `authOrigins`)'])
    expect(handshakeAuth(api, { url: 'wss://api.example.com', auth: { key: 's' } }, 'wss://api.example.com/x').auth).toBeDefined()
    expect(
      handshakeAuth(api, { url: 'wss://other.example', authOrigins: ['wss://other.example'], auth: { key: 's' } }, 'wss://other.example/x').auth,
    ).toBeDefined()
  })

  it('gives nothing without credentials', () => {
    expect(handshakeAuth(api, {}, 'wss://api.example.com')).toEqual({})
  })
})
