import { describe, expect, it } from 'vitest'
import { handshakeFor } from '../../../runtime/ws/handshake'
import { oversize } from '../../../runtime/ws/message-size'
import type { WebSocketAuth } from '../../../runtime/ws/types'

const URL_ = 'wss://api.example.com/live?room=1'

describe('handshakeFor', () => {
  it.each<[string, WebSocketAuth | undefined, string | undefined, object]>([
    ['no auth', undefined, undefined, { url: URL_, protocols: ['v1'], headers: { 'x-app': '1' } }],
    ['no token yet', { token: 't' }, undefined, { url: URL_, protocols: ['v1'], headers: { 'x-app': '1' } }],
    ['bearer header by default', { token: 't' }, 'abc', { url: URL_, protocols: ['v1'], headers: { 'x-app': '1', Authorization: 'Bearer abc' } }],
    ['custom header, no scheme', { token: 't', name: 'X-Token' }, 'abc', { url: URL_, protocols: ['v1'], headers: { 'x-app': '1', 'X-Token': 'abc' } }],
    ['custom scheme', { token: 't', scheme: 'Token ' }, 'abc', { url: URL_, protocols: ['v1'], headers: { 'x-app': '1', Authorization: 'Token abc' } }],
    ['query', { token: 't', in: 'query' }, 'a b', { url: `${URL_}&access_token=a+b`, protocols: ['v1'], headers: { 'x-app': '1' } }],
    ['named query', { token: 't', in: 'query', name: 'ticket' }, 'x', { url: `${URL_}&ticket=x`, protocols: ['v1'], headers: { 'x-app': '1' } }],
    ['subprotocol', { token: 't', in: 'protocol', name: 'bearer.' }, 'abc', { url: URL_, protocols: ['v1', 'bearer.abc'], headers: { 'x-app': '1' } }],
  ])('%s', (_name, auth, token, expected) => {
    expect(handshakeFor(URL_, 'v1', { 'x-app': '1' }, auth, token)).toEqual(expected)
  })

  it('accepts a list of protocols and no headers', () => {
    expect(handshakeFor('ws://h/', ['a', 'b'], undefined, undefined, undefined)).toEqual({
      url: 'ws://h/',
      protocols: ['a', 'b'],
      headers: undefined,
    })
  })
})

describe('oversize', () => {
  it.each<[unknown, number, number | undefined]>([
    ['x'.repeat(10), 10, undefined],
    ['x'.repeat(11), 10, 11],
    ['é'.repeat(6), 10, 12], // 6 characters, 12 UTF-8 bytes
    ['é'.repeat(5), 10, undefined],
    [new ArrayBuffer(11), 10, 11],
    [new Uint8Array(10), 10, undefined],
    [new Blob(['12345678901']), 10, 11],
  ])('%#: limit %s', (data, max, expected) => {
    expect(oversize(data, max)).toBe(expected)
  })
})
