import { afterEach, describe, expect, test } from 'vitest'
import { NotFoundError, ParseError, RequestError, type ServerSentEvent } from '../../../runtime/index'
import { createApi } from '../../../runtime/internal'
import { json, startServer, type TestServer } from '../../helpers/http-server'

const servers: TestServer[] = []
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => s.close()))
})
async function echoServer(): Promise<TestServer> {
  const s = await startServer((req, res) =>
    json(res, 200, { method: req.method, url: req.url, type: req.headers['content-type'] ?? null, body: req.body, headers: req.headers }),
  )
  servers.push(s)
  return s
}

/** What a generated module does (see src/codegen): one api, operations as data, a client factory. */
function petstore(url: string) {
  const api = createApi({ name: 'petstore', servers: [{ url: `${url}/{version}`, variables: { version: { default: 'v1' } } }] })
  const listPets = api.operation({
    id: 'listPets',
    method: 'GET',
    path: '/pets',
    params: [
      { name: 'limit', in: 'query', style: 'form', explode: true },
      { name: 'tags', in: 'query', style: 'pipeDelimited', explode: false },
      { name: 'filter', in: 'query', style: 'deepObject', explode: true },
      { name: 'where', in: 'query', contentType: 'application/json' },
      { name: 'X-Trace', in: 'header' },
      { name: 'pref', in: 'cookie' },
    ],
    responses: { '200': { contentTypes: ['application/json'] }, default: { contentTypes: ['application/json'] } },
  })
  const showPetById = api.operation({ id: 'showPetById', method: 'GET', path: '/pets/{petId}', params: [{ name: 'petId', in: 'path', required: true }] })
  const createPets = api.operation({
    id: 'createPets',
    method: 'POST',
    path: '/pets',
    body: {
      required: true,
      contentTypes: ['application/json', 'application/x-www-form-urlencoded', 'multipart/form-data', 'text/plain', 'application/octet-stream'],
      encoding: { 'multipart/form-data': { meta: { contentType: 'application/json' } } },
    },
  })
  const configure = api.configure
  const tree = { listPets, showPetById, createPets, pets: { listPets, showPetById }, configure }
  return { api, ...tree, createClient: (options: Parameters<typeof api.createClient>[0]) => api.createClient(options, tree) }
}

describe('createApi through the public API', () => {
  test('server variables default, path and query parameters serialized per style', async () => {
    const s = await echoServer()
    const m = petstore(s.url)
    const r = (await m.listPets({
      query: { limit: 10, tags: ['a', 'b c'], filter: { kind: 'dog', age: { min: 2 } }, where: { q: 1 } },
      header: { 'X-Trace': 't1' },
      cookie: { pref: 'x y' },
    })) as { url: string; headers: Record<string, string> }
    expect(r.url).toBe(`/v1/pets?limit=10&tags=a%7Cb%20c&filter%5Bkind%5D=dog&filter%5Bage%5D%5Bmin%5D=2&where=${encodeURIComponent('{"q":1}')}`)
    expect(r.headers['x-trace']).toBe('t1')
    expect(r.headers.cookie).toBe('pref=x%20y')
    expect(r.headers.accept).toBe('application/json')
    const p = (await m.showPetById({ path: { petId: 'a/b?c' } })) as { url: string }
    expect(p.url).toBe('/v1/pets/a%2Fb%3Fc')
  })

  test('serverVariables and baseUrl override the document server', async () => {
    const s = await echoServer()
    const m = petstore(s.url)
    m.configure({ serverVariables: { version: 'v2' } })
    expect(((await m.listPets()) as { url: string }).url).toBe('/v2/pets')
    m.configure({ baseUrl: `${s.url}/base/` })
    expect(((await m.listPets()) as { url: string }).url).toBe('/base/pets')
  })

  test('bodies by content type: JSON, form with a nested object as one JSON field (OAS 3.1.1), multipart with files and JSON parts, text, binary', async () => {
    const s = await echoServer()
    const m = petstore(s.url)
    type Echo = { body: string; type: string }
    const j = (await m.createPets({ body: { name: 'rex', tags: ['a'] } })) as Echo
    expect(j.type).toBe('application/json')
    expect(JSON.parse(j.body)).toEqual({ name: 'rex', tags: ['a'] })

    const f = (await m.createPets({
      body: { name: 'rex dog', owner: { id: 1, name: 'al' }, ids: [1, 2] },
      contentType: 'application/x-www-form-urlencoded',
    })) as Echo
    expect(f.type).toBe('application/x-www-form-urlencoded')
    expect(f.body).toBe('name=rex+dog&owner=%7B%22id%22%3A1%2C%22name%22%3A%22al%22%7D&ids=1&ids=2')

    const photo = new File([new Uint8Array([1, 2, 3])], 'rex.png', { type: 'image/png' })
    const mp = (await m.createPets({ body: { name: 'rex', photos: [photo, photo], meta: { a: 1 } }, contentType: 'multipart/form-data' })) as Echo
    expect(mp.type).toMatch(/^multipart\/form-data; boundary=/)
    const form = await new Response(mp.body, { headers: { 'content-type': mp.type } }).formData()
    expect(form.get('name')).toBe('rex')
    expect(form.getAll('photos')).toHaveLength(2)
    expect((form.get('photos') as File).name).toBe('rex.png')
    expect(await (form.get('meta') as Blob).text()).toBe('{"a":1}')

    const t = (await m.createPets({ body: 'plain words', contentType: 'text/plain' })) as Echo
    expect([t.type, t.body]).toEqual(['text/plain', 'plain words'])
    const b = (await m.createPets({ body: new TextEncoder().encode('bytes'), contentType: 'application/octet-stream' })) as Echo
    expect([b.type, b.body]).toEqual(['application/octet-stream', 'bytes'])
  })

  test('bad input is refused before anything is sent', async () => {
    const s = await echoServer()
    const m = petstore(s.url)
    await expect(m.showPetById({ path: {} } as never)).rejects.toThrow(/missing required path parameter "petId"/)
    await expect(m.showPetById({ path: { petId: '' } })).rejects.toMatchObject({ code: 'ERR_MISSING_PARAMETER' })
    await expect(m.createPets({} as never)).rejects.toMatchObject({ code: 'ERR_BODY_REQUIRED' })
    await expect(m.createPets({ body: 1, contentType: 'image/gif' })).rejects.toMatchObject({ code: 'ERR_CONTENT_TYPE' })
    const inj = await m.listPets({ header: { 'X-Trace': 'a\r\nX-Evil: 1' } }).catch((e: unknown) => e)
    expect(inj).toBeInstanceOf(RequestError)
    expect((inj as RequestError).code).toBe('ERR_HEADER_VALUE')
    await expect(m.listPets(undefined, { headers: { 'x-a': 'nul\0' } })).rejects.toBeInstanceOf(RequestError)
    expect(s.requests).toHaveLength(0)
  })

  test('errors: typed HttpError with parsed body and operationId; .safe never throws; invalid JSON is a ParseError', async () => {
    const s = await startServer((req, res) => {
      if (req.url?.endsWith('/bad')) return res.writeHead(200, { 'content-type': 'application/json' }).end('{"oops"')
      if (req.url?.endsWith('/empty')) return res.writeHead(204).end()
      json(res, 404, { code: 404, message: 'no such pet' }, { 'x-request-id': 'req-42' })
    })
    servers.push(s)
    const m = petstore(s.url)
    const e = (await m.showPetById({ path: { petId: '9' } }).catch((x: unknown) => x)) as NotFoundError<{ message: string }>
    expect(e).toBeInstanceOf(NotFoundError)
    expect(e.body.message).toBe('no such pet')
    expect(e.operationId).toBe('showPetById')
    expect(e.requestId).toBe('req-42')
    expect(e.message).toBe(`GET ${s.url}/v1/pets/9 (showPetById) failed with HTTP 404 Not Found`)

    const safe = await m.showPetById.safe({ path: { petId: '9' } })
    expect(safe.data).toBeUndefined()
    expect(safe.error?.status).toBe(404)
    expect(safe.response?.status).toBe(404)

    const parse = await m.showPetById({ path: { petId: 'bad' } }).catch((x: unknown) => x)
    expect(parse).toBeInstanceOf(ParseError)
    expect(await m.showPetById({ path: { petId: 'empty' } })).toBeUndefined()
    const ok = await m.showPetById.safe({ path: { petId: 'empty' } })
    expect(ok).toMatchObject({ data: undefined, error: undefined })
    expect(ok.response?.status).toBe(204)
  })

  test('createClient re-binds every operation in the tree to a new independent client, keeping other values', async () => {
    const a = await echoServer()
    const b = await echoServer()
    const m = petstore(a.url)
    const other = m.createClient({ baseUrl: b.url, headers: { 'x-who': 'b' } })
    await other.pets.listPets()
    await m.listPets()
    expect(other.configure).toBe(m.configure)
    expect(other.pets.listPets).toBe(other.listPets) // the same leaf stays the same leaf
    expect(other.listPets.def.id).toBe('listPets')
    expect(b.requests[0]!.headers['x-who']).toBe('b')
    expect(a.requests[0]!.headers['x-who']).toBeUndefined()
  })

  test('an operation the document marks idempotent retries POST; others need an Idempotency-Key', async () => {
    const s = await startServer((_req, res, n) => ([1, 3, 4].includes(n) ? res.writeHead(503).end() : json(res, 200, { n })))
    servers.push(s)
    const api = createApi({ name: 'idem', servers: [{ url: s.url }] })
    const upsert = api.operation({ id: 'upsert', method: 'POST', path: '/u', idempotent: true, body: { contentTypes: ['application/json'] } })
    const create = api.operation({ id: 'create', method: 'POST', path: '/c', body: { contentTypes: ['application/json'] } })
    api.configure({ retry: { baseDelay: 1, budget: false } })
    expect(await upsert({ body: {} })).toEqual({ n: 2 })
    await expect(create({ body: {} })).rejects.toMatchObject({ status: 503, operationId: 'create' })
    expect(await create({ body: {} }, { idempotencyKey: 'k-1' })).toEqual({ n: 5 })
    expect(s.requests.map((r) => r.headers['idempotency-key'] ?? '-')).toEqual(['-', '-', '-', 'k-1', 'k-1'])
  })

  test('text/event-stream responses are async iterators of events', async () => {
    const s = await startServer((_req, res) => {
      res.writeHead(200, { 'content-type': 'text/event-stream' })
      res.write(': comment\n\ndata: {"delta":"he"}\n\n')
      setTimeout(() => res.end('event: done\nid: 7\ndata: [DONE]\r\n\r\n'), 600)
    })
    servers.push(s)
    const api = createApi({ name: 'sse', servers: [{ url: s.url }] })
    const stream = api.operation({
      id: 'stream',
      method: 'POST',
      path: '/chat',
      body: { contentTypes: ['application/json'] },
      responses: { '200': { contentTypes: ['text/event-stream'] } },
    })
    const events: ServerSentEvent[] = []
    for await (const e of (await stream({ body: { q: 1 } }, { timeout: 300 })) as AsyncIterable<ServerSentEvent>) events.push(e)
    expect(events).toEqual([
      { event: 'message', data: '{"delta":"he"}' },
      { event: 'done', data: '[DONE]', id: '7' },
    ])
  })

  test('the caller can abort a stream it is reading', async () => {
    const s = await startServer((_req, res) => {
      res.writeHead(200, { 'content-type': 'text/event-stream' })
      res.write('data: 1\n\n')
    })
    servers.push(s)
    const api = createApi({ name: 'sse', servers: [{ url: s.url }] })
    const stream = api.operation({ id: 'stream', method: 'GET', path: '/s' })
    const controller = new AbortController()
    const seen: string[] = []
    const reading = (async () => {
      for await (const e of (await stream(undefined, { signal: controller.signal })) as AsyncIterable<ServerSentEvent>) {
        seen.push(e.data)
        controller.abort(new Error('enough'))
      }
    })()
    await expect(reading).rejects.toThrow('enough')
    expect(seen).toEqual(['1'])
  })
})
