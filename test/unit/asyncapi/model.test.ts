import { describe, expect, it } from 'vitest'
import { asyncApiVersion, isAsyncApiText } from '../../../src/asyncapi/detect'
import { buildModel, inferPerspective } from '../../../src/asyncapi/model'
import { checkAsyncApi, schemaFindings } from '../../../src/asyncapi/validate'

const base = (extra: object) => ({ asyncapi: '3.0.0', info: { title: 'T', version: '1' }, ...extra })

describe('recognition by content', () => {
  it.each([
    ['asyncapi: 3.0.0\ninfo: {}', true],
    ["'asyncapi': '3.1.0'", true],
    ['{\n  "info": {},\n  "asyncapi": "3.0.0"\n}', true],
    ['openapi: 3.1.0\ninfo:\n  x-asyncapi: 1', false],
    ['swagger: "2.0"', false],
    ['\ufeffasyncapi: 3.0.0', true],
  ])('%j → %s', (text, expected) => {
    expect(isAsyncApiText(text)).toBe(expected)
  })

  it('reads the version', () => {
    expect(asyncApiVersion({ asyncapi: '3.1.0' })).toEqual({ text: '3.1.0', major: 3, minor: 1 })
    expect(asyncApiVersion({ asyncapi: 3 })).toBeUndefined()
    expect(asyncApiVersion('x')).toBeUndefined()
  })
})

describe('checkAsyncApi', () => {
  it.each([
    [{ asyncapi: 3 }, /must be a version string/],
    [{ asyncapi: '3.9.0' }, /AsyncAPI 3\.9\.0 is not supported/],
    [{ asyncapi: '2.6.0' }, /asyncapi convert/],
    [base({ channels: { a: { $ref: '#/channels/a' } } }), /circular \$ref/],
  ])('%j is refused', (doc, message) => {
    const [first] = checkAsyncApi(doc)
    expect(first?.message).toMatch(message)
    expect(first?.severity).toBe('error')
  })

  it('a valid document has no findings; an unknown member is named', () => {
    expect(checkAsyncApi(base({}))).toEqual([])
    expect(checkAsyncApi(base({ bogus: 1 }))).toEqual([{ pointer: '', message: '"bogus" is not allowed here', severity: 'error' }])
  })

  it('keeps the first error when only combinator errors exist', () => {
    expect(schemaFindings([{ keyword: 'oneOf', instancePath: '/a', schemaPath: '', params: {}, message: 'must match exactly one schema in oneOf' }])).toEqual([
      { pointer: '/a', message: 'must match exactly one schema in oneOf', severity: 'error' },
    ])
  })
})

describe('buildModel', () => {
  const msg = (payload: object, extra: object = {}) => ({ payload, ...extra })
  const doc = base({
    servers: {
      ws: {
        host: 'wss://h.example',
        protocol: 'wss',
        pathname: '/v1/{region}',
        variables: { region: { enum: ['eu', 'us'], default: 'eu' } },
        security: [{ $ref: '#/components/securitySchemes/key' }, { $ref: '#/components/securitySchemes/oauth' }],
      },
      broker: { host: 'mq.example', protocol: 'mqtt' },
    },
    channels: {
      live: {
        address: '/live/{room}',
        parameters: { room: { default: 'main' } },
        bindings: { ws: { query: { type: 'object', properties: { v: { type: 'integer' } } } } },
        messages: {
          tick: msg({ allOf: [{ type: 'object', properties: { kind: { const: 'tick' } } }] }),
          status: msg({ oneOf: [{ properties: { kind: { enum: ['up'] } } }, { properties: { kind: { const: 'down' } } }] }),
          disc: msg({ type: 'object', discriminator: 'tag', properties: { tag: { const: 'x' }, kind: { const: 'disc' } } }),
          text: msg({ type: 'string' }),
          avro: { schemaFormat: 'application/vnd.apache.avro;version=1.9.0', payload: { type: 'record' } },
          multi: msg({ schemaFormat: 'application/schema+yaml;version=draft-07', schema: { type: 'integer' } }),
          wrapped: msg({ schemaFormat: 'application/x-protobuf', schema: 'message X {}' }),
          hello: msg({ type: 'object' }, { correlationId: { location: '$message.header#/id' } }),
        },
      },
      mq: { address: 'topic', servers: [{ $ref: '#/servers/broker' }], messages: { m: msg({}) } },
    },
    operations: {
      recv: { action: 'receive', channel: { $ref: '#/channels/live' } },
      onMq: { action: 'receive', channel: { $ref: '#/channels/mq' } },
    },
    components: {
      securitySchemes: { key: { type: 'httpApiKey', in: 'header', name: 'X-Key' }, oauth: { type: 'oauth2', flows: {} } },
    },
  })
  const model = buildModel(doc as never, 'client')

  it('keeps WebSocket servers and channels, with variables and parameters', () => {
    expect(model.servers).toEqual([
      { name: 'ws', url: 'wss://h.example/v1/{region}', variables: { region: { enum: ['eu', 'us'], default: 'eu' } }, security: ['key', 'oauth'] },
    ])
    expect(model.channels.map((c) => c.key)).toEqual(['live'])
    expect(model.channels[0]).toMatchObject({ address: '/live/{room}', parameters: { room: { default: 'main' } }, query: '/channels/live/bindings/ws/query' })
    expect(model.noClient).toBeUndefined()
  })

  it('routes by the shared property, the discriminator first, then by JSON type', () => {
    const matchers = Object.fromEntries(model.messages.map((m) => [m.name, m.matcher]))
    expect(matchers.tick).toEqual({ prop: 'kind', values: ['tick'] })
    expect(matchers.status).toEqual({ prop: 'kind', values: ['up', 'down'] })
    expect(matchers.disc).toEqual({ prop: 'tag', values: ['x'] })
    expect(matchers.text).toEqual({ type: 'string' })
    expect(matchers.multi).toEqual({ type: 'number' })
    expect(matchers.hello).toEqual({ type: 'object' })
    expect(matchers.avro).toEqual({})
  })

  it('warns, located, about what it cannot type or use', () => {
    const messages = model.warnings.map((w) => `${w.pointer}: ${w.message}`)
    expect(messages).toContainEqual(expect.stringMatching(/avro\/schemaFormat: schemaFormat application\/vnd\.apache\.avro;version=1\.9\.0 is not JSON Schema/))
    expect(messages).toContainEqual(expect.stringMatching(/wrapped\/payload\/schemaFormat: .*x-protobuf/))
    expect(messages).toContainEqual(expect.stringMatching(/correlationId\/location: .*not in the payload/))
    expect(messages).toContainEqual(expect.stringMatching(/securitySchemes\/oauth: security scheme type oauth2 is not supported/))
    expect(model.security).toEqual([{ name: 'key', kind: 'apiKey', in: 'header', param: 'X-Key' }])
    expect(model.messages.find((m) => m.name === 'avro')?.payload).toBeUndefined()
    expect(model.messages.find((m) => m.name === 'multi')?.payload).toBe('/channels/live/messages/multi/payload/schema')
  })

  it('without a WebSocket server there is no client, said once', () => {
    const mqtt = buildModel(base({ servers: { b: { host: 'x', protocol: 'kafka' } } }) as never)
    expect(mqtt.noClient).toMatch(/servers: b \(kafka\)/)
    expect(mqtt.warnings[0]?.pointer).toBe('/servers')
  })

  it('an http server without http bindings needs a url; with them (HTTP streaming) it is no client', () => {
    const slack = buildModel(base({ servers: { p: { host: 'slack.com', protocol: 'https' } } }) as never)
    expect(slack.servers).toEqual([{ name: 'p', url: '', variables: {}, security: [] }])
    const gitter = buildModel(
      base({ servers: { p: { host: 'x', protocol: 'https' } }, operations: { o: { action: 'send', bindings: { http: { method: 'POST' } } } } }) as never,
    )
    expect(gitter.noClient).toBeDefined()
  })

  it.each([
    [{ o: { action: 'send', reply: {} } }, 'client'],
    [{ o: { action: 'receive', reply: {} } }, 'server'],
    [{ o: { action: 'send' } }, 'server'],
  ])('perspective of %j is %s', (operations, expected) => {
    expect(inferPerspective(base({ operations }) as never)).toBe(expected)
  })

  it('a receive with a reply read from the client side means the client answers', () => {
    const answering = buildModel(
      base({
        channels: { c: { address: '/', messages: { q: { payload: {} }, a: { payload: {} } } } },
        operations: {
          ask: {
            action: 'send',
            channel: { $ref: '#/channels/c' },
            messages: [{ $ref: '#/channels/c/messages/q' }],
            reply: { messages: [{ $ref: '#/channels/c/messages/a' }] },
          },
        },
      }) as never,
      'server',
    )
    expect(answering.inbound).toEqual(['q'])
    expect(answering.send).toEqual([{ message: 'a', channel: 'c' }])
    expect(answering.warnings[0]?.message).toMatch(/the client answers this operation/)
  })
})
