import { createServer, type Server } from 'node:http'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { OpenApiDocument } from '../../../src/spec/document'
import { createDevMockMiddleware } from '../../../src/mock/dev-server'
import { createResponder, type MockRequest } from '../../../src/mock/responder'
import { buildMockSpec } from '../../../src/mock/routes'

const doc: OpenApiDocument = {
  openapi: '3.0.3',
  info: { title: 't', version: '1' },
  servers: [{ url: 'https://{region}.api.test/v2', variables: { region: { default: 'eu' } } }],
  paths: {
    '/items/{id}': {
      parameters: [{ name: 'id', in: 'path', required: true, schema: { type: 'integer' } }],
      patch: {
        operationId: 'patchItem',
        requestBody: { content: { 'application/json': { schema: { $ref: '#/components/schemas/Item' } } } },
        responses: { '200': { description: 'stored', content: { 'application/json': { schema: { $ref: '#/components/schemas/Item' } } } } },
      },
      get: {
        operationId: 'getItem',
        parameters: [
          { name: 'X-Trace', in: 'header', required: true, schema: { type: 'string', minLength: 4 } },
          { name: 'session', in: 'cookie', schema: { type: 'string', enum: ['a', 'b'] } },
          { name: 'tags', in: 'query', schema: { type: 'array', items: { type: 'string' }, maxItems: 2 } },
        ],
        responses: { '200': { $ref: '#/components/responses/Item' } },
      },
    },
    '/items/mine': {
      get: { responses: { default: { description: 'd', content: { 'text/plain': { examples: { one: { $ref: '#/components/examples/Hello' } } } } } } },
    },
    '/upload': {
      put: {
        operationId: 'upload',
        requestBody: { content: { 'application/octet-stream': {} } },
        responses: { '204': { description: 'none' } },
      },
      post: {
        operationId: 'noResponses',
        requestBody: { required: true, content: { 'application/json': { schema: { $ref: '#/components/schemas/Item' } } } },
        responses: {},
      },
    },
  },
  components: {
    schemas: {
      Item: {
        type: 'object',
        required: ['id', 'name'],
        properties: { id: { type: 'integer', example: 7 }, name: { type: 'string', example: 'seven' }, secret: { type: 'string', writeOnly: true } },
      },
    },
    responses: { Item: { description: 'i', content: { 'application/problem+json': { schema: { $ref: '#/components/schemas/Item' } }, 'text/xml': {} } } },
    examples: { Hello: { value: 'hello' } },
  },
}

const spec = buildMockSpec('t', doc)
const req = (over: Partial<MockRequest>): MockRequest => ({ method: 'GET', path: '/', query: new URLSearchParams(), headers: {}, body: undefined, ...over })

describe('mock data from the document', () => {
  it('fills server variables, prefers JSON media, samples without write-only fields, follows $refs to examples', () => {
    expect(spec.server).toBe('https://eu.api.test/v2')
    const byId = Object.fromEntries(spec.routes.map((r) => [r.id, r.response]))
    expect(byId.getItem).toEqual({ status: 200, contentType: 'application/problem+json', body: { id: 7, name: 'seven' } })
    expect(byId['GET /items/mine']).toEqual({ status: 200, contentType: 'text/plain', body: 'hello' })
    expect(byId.upload).toEqual({ status: 204 })
    expect(byId.noResponses).toEqual({ status: 204 })
  })
})

describe('responder', () => {
  const responder = createResponder(spec)

  it('routes literal paths before templated ones and serves text as text', () => {
    const reply = responder.handle(req({ path: '/items/mine' }))
    expect(reply).toEqual({ status: 200, headers: { 'content-type': 'text/plain' }, body: 'hello' })
    expect(responder.handle(req({ path: '/nowhere' }))).toBeUndefined()
    expect(responder.handle(req({ method: 'DELETE', path: '/items/1' }))).toBeUndefined()
  })

  it('checks path, header, cookie and repeated query parameters after coercing them', () => {
    const ok = responder.handle(req({ path: '/items/12', headers: { 'x-trace': 'abcd', cookie: 'session=a' }, query: new URLSearchParams('tags=x&tags=y') }))
    expect(ok?.status).toBe(200)
    const bad = responder.handle(req({ path: '/items/twelve', headers: { 'x-trace': 'ab', cookie: 'session=z' }, query: new URLSearchParams('tags=x,y,z') }))
    expect(bad?.status).toBe(400)
    const { problems, error } = JSON.parse(bad?.body as string) as { error: string; problems: Array<{ in: string; pointer: string }> }
    expect(error).toBe('GET /items/twelve does not match the document (getItem)')
    expect(problems.map((p) => `${p.in} ${p.pointer}`).sort()).toEqual(['cookie /session', 'header /x-trace', 'path /id', 'query /tags'])
    const missing = JSON.parse(responder.handle(req({ path: '/items/1' }))?.body as string)
    expect(missing.problems).toEqual([{ in: 'header', pointer: '/x-trace', message: "must have required property 'x-trace'" }])
  })

  it('checks the body: presence, media type, JSON syntax and schema', () => {
    const post = (body: string | undefined, type = 'application/json') =>
      JSON.parse(responder.handle(req({ method: 'POST', path: '/upload', body, headers: { 'content-type': type } }))?.body ?? '{}')
    expect(post(undefined).problems[0].message).toBe('a request body is required (application/json)')
    expect(post('{}', 'text/plain').problems[0].message).toBe('content type "text/plain" is not one of application/json')
    expect(post('{nope').problems[0].message).toBe('the body is not valid JSON')
    expect(post('{"id":1}').problems).toEqual([{ in: 'body', pointer: '/name', message: "must have required property 'name'" }])
    expect(
      responder.handle(req({ method: 'POST', path: '/upload', body: '{"id":1,"name":"n"}', headers: { 'content-type': 'application/json; charset=utf-8' } }))
        ?.status,
    ).toBe(204)
    expect(
      responder.handle(req({ method: 'PATCH', path: '/items/3', body: '{"id":3,"name":"n"}', headers: { 'content-type': 'application/json' } }))?.body,
    ).toBe('{"id":3,"name":"n"}')
    expect(responder.handle(req({ method: 'PATCH', path: '/items/3' }))?.body).toBe('{"id":7,"name":"seven"}')
    expect(responder.handle(req({ method: 'PUT', path: '/upload', body: 'bytes', headers: { 'content-type': 'application/octet-stream' } }))?.status).toBe(204)
  })

  it('fails the next requests on demand, with a JSON body naming the operation', () => {
    responder.fail(1, 502)
    const failed = responder.handle(req({ path: '/items/mine' }))
    expect(failed?.status).toBe(502)
    expect(JSON.parse(failed?.body as string)).toEqual({ error: 'mock failure injected for GET /items/mine', operation: 'GET /items/mine' })
    expect(responder.handle(req({ path: '/items/mine' }))?.status).toBe(200)
  })
})

describe('dev server middleware', () => {
  let server: Server
  let base: string
  let version = spec
  beforeAll(async () => {
    const middleware = createDevMockMiddleware([{ name: 't', spec: async () => version }])
    server = createServer((rq, rs) => void middleware(rq, rs, () => rs.writeHead(418).end('vite')))
    await new Promise<void>((done) => server.listen(0, '127.0.0.1', done))
    base = `http://127.0.0.1:${(server.address() as { port: number }).port}`
  })
  afterAll(() => new Promise<void>((done) => server.close(() => done())))

  it('answers under /__api/<name>, passes other paths on, 404s unknown operations', async () => {
    expect((await fetch(`${base}/__api/t/items/mine`)).status).toBe(200)
    expect(await (await fetch(`${base}/src/main.js`)).text()).toBe('vite')
    const unknown = await fetch(`${base}/__api/t/nothing`)
    expect(unknown.status).toBe(404)
    expect(await unknown.json()).toEqual({ error: 'GET /nothing is not an operation of API "t"' })
    const put = await fetch(`${base}/__api/t/upload`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"id":1}' })
    expect(put.status).toBe(400)
  })

  it('takes failure orders and picks up a new document', async () => {
    expect((await fetch(`${base}/__api/t/__mock/fail`, { method: 'POST', body: '{"times":1,"status":500}' })).status).toBe(204)
    expect((await fetch(`${base}/__api/t/items/mine`)).status).toBe(500)
    version = buildMockSpec('t', { ...doc, paths: { '/other': { get: { responses: { '202': { description: 'x' } } } } } })
    expect((await fetch(`${base}/__api/t/other`)).status).toBe(202)
  })
})
