import { describe, expect, it } from 'vitest'
import {
  bodyPart,
  contentPart,
  cookiePart,
  createApi,
  createApiClient,
  createApiCore,
  deepObjectPart,
  formPart,
  headerPart,
  pathPart,
  serverPart,
  type OperationDef,
} from '../../../runtime/internal'

/** Records what the operation sends; answers 200 with `{}`. */
function recorder() {
  const sent: Array<{ url: string; headers: Headers; body: unknown }> = []
  const fetch = async (input: RequestInfo | URL, init?: RequestInit): Promise<Response> => {
    sent.push({ url: String(input), headers: new Headers(init?.headers), body: init?.body })
    return Response.json({})
  }
  return { sent, fetch }
}

const everything: OperationDef = {
  id: 'all',
  method: 'POST',
  path: '/items/{id}',
  params: [
    { name: 'id', in: 'path', style: 'simple', explode: false, required: true },
    { name: 'tags', in: 'query', style: 'form', explode: false },
    { name: 'f', in: 'query', style: 'deepObject', explode: true },
    { name: 'j', in: 'query', style: 'form', explode: true, contentType: 'application/json' },
    { name: 'X-Trace', in: 'header', style: 'simple', explode: false },
    { name: 'session', in: 'cookie', style: 'form', explode: true },
  ],
  body: { contentTypes: ['application/json'] },
  responses: { '200': { contentTypes: ['application/json'] } },
  accept: 'application/json',
}
const input = {
  path: { id: 'a b' },
  query: { tags: ['x', 'y'], f: { a: 1 }, j: { k: true } },
  header: { 'X-Trace': 't1' },
  cookie: { session: 's=1' },
  body: { n: 1 },
}

describe('operation parts', () => {
  it('the parts the generator passes produce the same request as createApi (every part)', async () => {
    const full = recorder()
    const api = createApi({ name: 't', servers: [{ url: 'http://api.test' }] })
    api.configure({ fetch: full.fetch, retry: false })
    await api.operation(everything)(input)

    const parted = recorder()
    const core = createApiCore({ name: 't', servers: [{ url: 'http://api.test' }] })
    core.configure({ fetch: parted.fetch, retry: false })
    const parts = { path: pathPart, header: headerPart, cookie: cookiePart, form: formPart, deepObject: deepObjectPart, content: contentPart, body: bodyPart }
    await core.operation(everything, parts)(input)

    expect(parted.sent).toEqual(full.sent)
    const [request] = parted.sent
    expect(request!.url).toBe('http://api.test/items/a%20b?tags=x,y&f%5Ba%5D=1&j=%7B%22k%22%3Atrue%7D')
    expect(request!.headers.get('x-trace')).toBe('t1')
    expect(request!.headers.get('cookie')).toBe('session=s%3D1')
    expect(request!.headers.get('accept')).toBe('application/json')
    expect(request!.body).toBe('{"n":1}')
  })

  it('a part the data needs but was not given is a ConfigurationError naming it and the operation; nothing is sent', async () => {
    const { sent, fetch } = recorder()
    const core = createApiCore({ name: 't', servers: [{ url: 'http://api.test' }] })
    core.configure({ fetch, retry: false })
    const cases: Array<[OperationDef, unknown, string]> = [
      [{ id: 'p', method: 'GET', path: '/x/{id}' }, { path: { id: 1 } }, 'path'],
      [{ id: 'q', method: 'GET', path: '/x', params: [{ name: 'q', in: 'query' }] }, { query: { q: 1 } }, 'form'],
      [{ id: 'd', method: 'GET', path: '/x', params: [{ name: 'q', in: 'query', style: 'deepObject' }] }, { query: { q: { a: 1 } } }, 'deepObject'],
      [{ id: 'h', method: 'GET', path: '/x', params: [{ name: 'h', in: 'header' }] }, { header: { h: 1 } }, 'header'],
      [{ id: 'b', method: 'POST', path: '/x', body: { contentTypes: ['application/json'] } }, { body: {} }, 'body'],
    ]
    for (const [op, given, key] of cases) {
      const { error } = await core.operation(op).safe(given as never)
      expect(error).toMatchObject({ name: 'ConfigurationError', option: `parts.${key}` })
      expect((error as Error).message).toContain(`(${op.id}): no "${key}" part`)
    }
    // Within a path part, a content parameter needs the content part.
    const contentPath: OperationDef = { id: 'c', method: 'GET', path: '/x/{id}', params: [{ name: 'id', in: 'path', contentType: 'application/json' }] }
    const { error } = await core.operation(contentPath, { path: pathPart }).safe({ path: { id: { a: 1 } } } as never)
    expect(error).toMatchObject({ option: 'parts.content' })
    expect(sent).toHaveLength(0)
  })

  it('servers: a plain absolute URL needs no part; variables, relative or unparsable ones need the server part', async () => {
    const { sent, fetch } = recorder()
    const op: OperationDef = { id: 'o', method: 'GET', path: '/o' }
    const plain = createApiCore({ name: 't', servers: [{ url: 'http://plain.test/v1/' }] })
    plain.configure({ fetch, retry: false })
    await plain.operation(op)()
    expect(sent.map((s) => s.url)).toEqual(['http://plain.test/v1/o'])

    const variables = { name: 't', servers: [{ url: 'http://{env}.test', variables: { env: { default: 'eu', enum: ['eu', 'us'] } } }] }
    const without = createApiCore(variables)
    without.configure({ fetch, retry: false })
    expect((await without.operation(op).safe()).error).toMatchObject({ name: 'ConfigurationError', option: 'parts.server' })
    for (const url of ['/v1', 'https://']) {
      const api = createApiCore({ name: 't', servers: [{ url }] })
      api.configure({ fetch, retry: false })
      expect((await api.operation(op).safe()).error).toMatchObject({ option: 'parts.server' })
    }

    const withPart = createApiCore(variables, {}, { server: serverPart })
    withPart.configure({ fetch, retry: false, serverVariables: { env: 'us' } })
    await withPart.operation(op)()
    expect(sent.map((s) => s.url)).toEqual(['http://plain.test/v1/o', 'http://us.test/o'])
    withPart.configure({ serverVariables: { env: 'mars' } })
    expect((await withPart.operation(op).safe()).error).toMatchObject({ code: 'ERR_SERVER_VARIABLE' })
  })

  it('without the body part, a body given to an operation that declares none goes to the client as it is', async () => {
    const { sent, fetch } = recorder()
    const core = createApiCore({ name: 't', servers: [{ url: 'http://api.test' }] })
    core.configure({ fetch, retry: false })
    const op = core.operation({ id: 'n', method: 'POST', path: '/n' })
    await op({ body: { a: 1 } } as never)
    await op({ body: new URLSearchParams('a=1') } as never)
    expect(sent[0]!.body).toBe('{"a":1}')
    expect(sent[0]!.headers.get('content-type')).toBe('application/json')
    expect(sent[1]!.body).toBeInstanceOf(URLSearchParams)
  })

  it('Accept: written by the generator; derived from responses only with the accept part (createApi)', async () => {
    const { sent, fetch } = recorder()
    const op: OperationDef = {
      id: 'a',
      method: 'GET',
      path: '/a',
      responses: { '200': { contentTypes: ['text/csv'] }, '201': { contentTypes: ['text/csv', 'application/json'] } },
    }
    const core = createApiCore({ name: 't', servers: [{ url: 'http://api.test' }] })
    core.configure({ fetch, retry: false })
    await core.operation(op)()
    await core.operation({ ...op, accept: 'text/csv, application/json' })()
    const api = createApi({ name: 't', servers: [{ url: 'http://api.test' }] })
    api.configure({ fetch, retry: false })
    await api.operation(op)()
    expect(sent.map((s) => s.headers.get('accept'))).toEqual([null, 'text/csv, application/json', 'text/csv, application/json'])
  })

  it('createApiClient re-binds every operation of the API in a tree, keeping shared subtrees shared and other values as they are', async () => {
    const first = recorder()
    const second = recorder()
    const core = createApiCore({ name: 't', servers: [{ url: 'http://one.test' }] })
    core.configure({ fetch: first.fetch, retry: false })
    const a = core.operation({ id: 'a', method: 'GET', path: '/a' })
    const other = (): string => 'mine'
    const group = { a }
    const tree = { a, group, again: group, other, n: 1 }
    const client = createApiClient(core, { fetch: second.fetch, baseUrl: 'http://two.test', retry: false }, tree)
    expect(client.a).not.toBe(a)
    expect(client.group.a).toBe(client.a)
    expect(client.again).toBe(client.group)
    expect(client.other).toBe(other)
    expect(client.n).toBe(1)
    await client.a()
    await a()
    expect(second.sent.map((s) => s.url)).toEqual(['http://two.test/a'])
    expect(first.sent.map((s) => s.url)).toEqual(['http://one.test/a'])
    expect(() => createApiClient(core, { timeout: -1 }, tree)).toThrow(expect.objectContaining({ name: 'ConfigurationError', option: 'timeout' }))
  })
})
