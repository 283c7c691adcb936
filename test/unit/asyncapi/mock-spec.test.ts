import { describe, expect, it } from 'vitest'
import { buildWsMockSpec } from '../../../src/asyncapi/mocks'
import { buildModel } from '../../../src/asyncapi/model'
import { createWsResponder, matchSend } from '../../../src/mock/ws-responder'

/** A client-side document: `ask` is a request answered by `answer` (id nested at /meta/id), `note` a plain send, `news` pushed. */
const document = {
  asyncapi: '3.0.0',
  info: { title: 'Desk', version: '1' },
  servers: {
    main: { host: '{region}.desk.test', protocol: 'wss', variables: { region: { default: 'eu' } } },
    spare: { host: '{zone}.desk.test', protocol: 'ws', variables: { zone: {} } },
  },
  channels: {
    room: {
      address: '/rooms/{roomId}',
      parameters: { roomId: {} },
      messages: {
        ask: { $ref: '#/components/messages/ask' },
        answer: { $ref: '#/components/messages/answer' },
        note: { $ref: '#/components/messages/note' },
        news: { $ref: '#/components/messages/news' },
      },
    },
  },
  operations: {
    ask: {
      action: 'send',
      channel: { $ref: '#/channels/room' },
      messages: [{ $ref: '#/channels/room/messages/ask' }],
      reply: { channel: { $ref: '#/channels/room' }, messages: [{ $ref: '#/channels/room/messages/answer' }] },
    },
    note: { action: 'send', channel: { $ref: '#/channels/room' }, messages: [{ $ref: '#/channels/room/messages/note' }] },
    news: { action: 'receive', channel: { $ref: '#/channels/room' }, messages: [{ $ref: '#/channels/room/messages/news' }] },
  },
  components: {
    messages: {
      ask: {
        correlationId: { location: '$message.payload#/meta/id' },
        payload: { type: 'object', properties: { kind: { const: 'ask' }, meta: { type: 'object', properties: { id: { type: 'integer' } } } } },
      },
      answer: {
        payload: {
          type: 'object',
          required: ['kind', 'ok'],
          properties: { kind: { const: 'answer' }, ok: { type: 'boolean', default: true }, meta: { type: 'object' } },
        },
      },
      note: { payload: { type: 'object', properties: { kind: { const: 'note' } } } },
      news: { payload: { type: 'string' }, examples: [{ payload: 'breaking' }, { payload: { not: 'a string' } }, { name: 'no payload' }] },
    },
  },
}

const spec = buildWsMockSpec('desk', document, buildModel(document))

describe('buildWsMockSpec', () => {
  it('links every WebSocket server (variables at their default, else *) joined with every channel (parameters as *)', () => {
    expect(spec.urls).toEqual(['wss://eu.desk.test/rooms/*', 'ws://*.desk.test/rooms/*'].sort())
    expect(buildWsMockSpec('desk', document, buildModel(document), 'http://127.0.0.1:9/mock').urls).toEqual(['http://127.0.0.1:9/mock/rooms/*'])
  })

  it('answers a request with a reply sampled from its schema when it has no example, and a plain send with nothing', () => {
    expect(spec.sends).toEqual([
      { name: 'ask', prop: 'kind', values: ['ask'], reply: { message: 'answer', payload: { kind: 'answer', ok: true, meta: {} }, correlation: '/meta/id' } },
      { name: 'note', prop: 'kind', values: ['note'] },
    ])
  })

  it('greets with the examples of the messages received that are no reply, payloads only', () => {
    expect(spec.greeting).toEqual([
      { message: 'news', payload: 'breaking' },
      { message: 'news', payload: { not: 'a string' } },
    ])
  })
})

describe('createWsResponder', () => {
  const responder = createWsResponder(spec)

  it('encodes string payloads as text and the rest as JSON', () => {
    expect(responder.greeting()).toEqual(['breaking', '{"not":"a string"}'])
  })

  it('copies a nested correlation id into the reply, and leaves the example alone without one', () => {
    expect(responder.answer('{"kind":"ask","meta":{"id":9}}').map((f) => JSON.parse(f))).toEqual([{ kind: 'answer', ok: true, meta: { id: 9 } }])
    expect(responder.answer('{"kind":"ask"}').map((f) => JSON.parse(f))).toEqual([{ kind: 'answer', ok: true, meta: {} }])
    // The spec's own example is not changed by answering.
    expect(spec.sends[0]?.reply).toMatchObject({ payload: { meta: {} } })
  })

  it('sends nothing for a send without a reply, or a frame that is no message', () => {
    expect(responder.answer('{"kind":"note"}')).toEqual([])
    expect(responder.answer('{"kind":"other"}')).toEqual([])
    expect(responder.answer('not json')).toEqual([])
  })

  it('echoes an echo operation frame as it came', () => {
    const echo = createWsResponder({ kind: 'asyncapi', api: 'e', urls: [], sends: [{ name: 'echo', reply: { echo: true } }], greeting: [] })
    expect(echo.answer('hello')).toEqual(['hello'])
    expect(echo.answer('{"a":1}')).toEqual(['{"a":1}'])
  })
})

describe('matchSend', () => {
  const sends = [{ name: 'byType', type: 'string' as const }, { name: 'byProp', prop: 'op', values: ['x'] }, { name: 'any' }]
  it.each([
    [{ op: 'x' }, 'byProp'],
    ['text', 'byType'],
    [{ op: 'y' }, 'any'],
    [[1], 'any'],
  ])('%j is %s', (frame, name) => {
    expect(matchSend(sends, frame)?.name).toBe(name)
  })
})
