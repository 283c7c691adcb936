import { describe, expect, test } from 'vitest'
import {
  AbortError,
  createHttpClient,
  createHttpCore,
  HttpError,
  RequestError,
  TimeoutError,
  type LogEvent,
  type ServerSentEvent,
} from '../../../runtime/index'
import { json, serversClosedAfterEach } from '../../helpers/http-server'
import { lagFreeTimers } from '../../helpers/lag-free-timers'

const serve = serversClosedAfterEach()

describe('createHttpClient by hand', () => {
  test('every verb, default headers, query option, JSON in and out', async () => {
    const s = await serve((req, res) =>
      json(res, 200, { m: req.method, url: req.url, body: req.body, h: req.headers['x-app'], type: req.headers['content-type'] }),
    )
    const c = createHttpClient({ baseUrl: `${s.url}/api/`, headers: { 'x-app': 'demo' } })
    expect(await c.get('items', { query: { tag: ['a', 'b'], skip: undefined, n: 1 } })).toEqual({
      m: 'GET',
      url: '/api/items?tag=a&tag=b&n=1',
      body: '',
      h: 'demo',
    })
    expect(await c.post('/items?x=1#frag', { a: 1 }, { query: { y: 2 } })).toMatchObject({
      m: 'POST',
      url: '/api/items?x=1&y=2',
      body: '{"a":1}',
      type: 'application/json',
    })
    expect(await c.put('/items/1', 'raw')).toMatchObject({ m: 'PUT', body: 'raw', type: 'text/plain;charset=UTF-8' })
    expect(await c.patch('/items/1', { b: 2 })).toMatchObject({ m: 'PATCH' })
    expect(await c.delete('/items/1')).toMatchObject({ m: 'DELETE' })
    expect(await c.options('/items')).toMatchObject({ m: 'OPTIONS' })
    expect(await c.head('/items')).toBeUndefined()
    expect(await c.request('GET', `${s.url}/absolute`)).toMatchObject({ url: '/absolute' })
  })

  test('responseType overrides the content type; unknown types arrive as Blob', async () => {
    const s = await serve((req, res) => {
      if (req.url === '/bin') return res.writeHead(200, { 'content-type': 'image/png' }).end(Buffer.from([1, 2]))
      res.writeHead(200, { 'content-type': 'text/plain' }).end('{"a":1}')
    })
    const c = createHttpClient({ baseUrl: s.url })
    expect(await c.get('/t')).toBe('{"a":1}')
    expect(await c.get('/t', { responseType: 'json' })).toEqual({ a: 1 })
    expect(await c.get<Blob>('/bin')).toBeInstanceOf(Blob)
    expect(new Uint8Array(await c.get<ArrayBuffer>('/bin', { responseType: 'arrayBuffer' }))).toEqual(new Uint8Array([1, 2]))
    const stream = await c.get<ReadableStream>('/t', { responseType: 'stream' })
    expect(await new Response(stream).text()).toBe('{"a":1}')
  })

  test('createHttpClient parses event streams; createHttpCore without sseFeature hands back the raw stream', async () => {
    const s = await serve((_req, res) => res.writeHead(200, { 'content-type': 'text/event-stream' }).end('event: tick\ndata: 1\n\ndata: 2\n\n'))
    const parsed = await createHttpClient({ baseUrl: s.url }).get<AsyncIterable<ServerSentEvent>>('/e')
    const got: ServerSentEvent[] = []
    for await (const e of parsed) got.push(e)
    expect(got).toEqual([
      { event: 'tick', data: '1' },
      { event: 'message', data: '2' },
    ])
    const raw = await createHttpCore({ baseUrl: s.url }).get<ReadableStream<Uint8Array>>('/e')
    expect(raw).toBeInstanceOf(ReadableStream)
    expect(await new Response(raw).text()).toBe('event: tick\ndata: 1\n\ndata: 2\n\n')
  })

  test('fetch is looked up at call time: the option, else the global of the moment', async () => {
    const s = await serve((_req, res) => json(res, 200, { real: true }))
    const c = createHttpClient({ baseUrl: s.url })
    const original = globalThis.fetch
    const seen: string[] = []
    globalThis.fetch = ((input: RequestInfo | URL, init?: RequestInit) => (seen.push(String(input)), original(input, init))) as typeof fetch
    try {
      await c.get('/late')
    } finally {
      globalThis.fetch = original
    }
    expect(seen).toEqual([`${s.url}/late`])
    const own = createHttpClient({ baseUrl: s.url, fetch: async () => new Response('{"fake":1}', { headers: { 'content-type': 'application/json' } }) })
    expect(await own.get('/x')).toEqual({ fake: 1 })
  })

  test('msw intercepts a client created before server.listen() (fetch is resolved per call)', async () => {
    const { setupServer } = await import('msw/node')
    const { http, HttpResponse } = await import('msw')
    const client = createHttpClient({ baseUrl: 'https://api.example.test' })
    const mock = setupServer(http.get('https://api.example.test/pets', () => HttpResponse.json([{ id: 1 }])))
    mock.listen({ onUnhandledRequest: 'error' })
    try {
      expect(await client.get('/pets')).toEqual([{ id: 1 }])
    } finally {
      mock.close()
    }
  })

  test('a caller abort is an AbortError, never retried, even while waiting to retry', async () => {
    // The caller aborts once the server holds the request (it answers only well after that), and
    // while the client waits to retry (from the onRetry hook, on the next turn: the wait has begun).
    const a = new AbortController()
    const s = await serve((req, res) => {
      if (req.url !== '/slow') return res.writeHead(503).end()
      a.abort(new Error('user left'))
      setTimeout(() => json(res, 200, {}), 500)
    })
    // Full jitter would wait anywhere in [0, 1000) ms: pin it near the top. The clock moves by the
    // client's timer delays only, so "cut short" is exact under load.
    const clock = lagFreeTimers(0.99)
    const c = createHttpClient({ baseUrl: s.url, timers: clock.timers, retry: { baseDelay: 1000, maxDelay: 1000, budget: false } })
    const e1 = await c.get('/slow', { signal: a.signal }).catch((e: unknown) => e)
    expect(e1).toBeInstanceOf(AbortError)
    expect((e1 as AbortError).cause).toEqual(new Error('user left'))

    const b = new AbortController()
    const t0 = clock.now()
    const e2 = await c.get('/503', { signal: b.signal, hooks: { onRetry: () => void setTimeout(() => b.abort(), 0) } }).catch((e: unknown) => e)
    expect(e2).toBeInstanceOf(AbortError)
    expect(clock.now() - t0).toBeLessThan(990) // the 990 ms wait was cut short
    expect(s.requests.filter((r) => r.url === '/503')).toHaveLength(1)

    const already = AbortSignal.abort()
    await expect(c.get('/503', { signal: already })).rejects.toBeInstanceOf(AbortError)
  })

  test('the deadline spans attempts and waits: the second attempt is cut short', async () => {
    const s = await serve((_req, res, n) => (n === 1 ? res.writeHead(503, { 'retry-after-ms': '50' }).end() : setTimeout(() => res.writeHead(200).end(), 1000)))
    // The clock moves by the client's timer delays only: the 200 ms are exact under load.
    const clock = lagFreeTimers()
    const c = createHttpClient({ baseUrl: s.url, timeout: 5000, timers: clock.timers, retry: { budget: false } })
    const t0 = clock.now()
    const e = (await c.get('/', { deadline: 200 }).catch((x: unknown) => x)) as TimeoutError
    expect(e).toBeInstanceOf(TimeoutError)
    expect(e.kind).toBe('deadline')
    expect(e.attempts).toBe(2)
    expect(clock.now() - t0).toBeGreaterThanOrEqual(190)
    expect(clock.now() - t0).toBeLessThan(950)
  })

  test('hooks see every attempt, the response and the final error; a throwing hook is not retried', async () => {
    const s = await serve((_req, res) => res.writeHead(500).end())
    const events: string[] = []
    const c = createHttpClient({
      baseUrl: s.url,
      retry: { limit: 1, baseDelay: 1, budget: false },
      hooks: {
        onRequest: (x) => void events.push(`req${x.attempt}`),
        onResponse: (x) => void events.push(`res${x.response.status}`),
        onError: (x) => void events.push(`err:${(x.error as Error).name}`),
      },
    })
    await expect(c.get('/', { hooks: { onRetry: (x) => void events.push(`retry${x.attempt}`) } })).rejects.toBeInstanceOf(HttpError)
    expect(events).toEqual(['req1', 'res500', 'retry1', 'req2', 'res500', 'err:ServerError'])
    const boom = createHttpClient({
      baseUrl: s.url,
      hooks: {
        onRequest: () => {
          throw new Error('hook bug')
        },
      },
    })
    await expect(boom.get('/')).rejects.toThrow('hook bug')
    // A hook that throws after the response arrived is still the hook's error, not a network one.
    const late = createHttpClient({
      baseUrl: s.url,
      retry: { budget: false },
      hooks: {
        onResponse: () => {
          throw new RangeError('late hook bug')
        },
      },
    })
    const before = s.requests.length
    await expect(late.get('/')).rejects.toBeInstanceOf(RangeError)
    expect(s.requests.length - before).toBe(1)
  })

  test('a POST answered with 303 is followed as GET without a body when credentials are attached', async () => {
    const s = await serve((req, res) =>
      req.url === '/form'
        ? res.writeHead(303, { location: '/done' }).end()
        : json(res, 200, { m: req.method, body: req.body, auth: req.headers.authorization }),
    )
    const c = createHttpClient({ baseUrl: s.url, auth: { apply: (r) => void r.headers.set('authorization', 'Custom x') } })
    expect(await c.post('/form', { a: 1 })).toEqual({ m: 'GET', body: '', auth: 'Custom x' })
  })

  test('relative URLs without baseUrl, and methods that are not HTTP tokens, are refused with a RequestError', async () => {
    await expect(createHttpClient().get('/nowhere')).rejects.toBeInstanceOf(RequestError)
    const s = await serve((_req, res) => json(res, 200, {}))
    await expect(createHttpClient({ baseUrl: s.url }).request('GET / HTTP/1.1\r\nX-Evil: 1\r\n', '/')).rejects.toMatchObject({ code: 'ERR_METHOD' })
    expect(s.requests).toHaveLength(0)
  })

  test('a logger object receives debug-level events; { logger, level } filters', async () => {
    const s = await serve((_req, res) => json(res, 200, {}))
    const all: LogEvent[] = []
    const push = (e: LogEvent): void => void all.push(e)
    const logger = { debug: push, info: push, warn: push, error: push }
    await createHttpClient({ baseUrl: s.url, logger }).get('/')
    await createHttpClient({ baseUrl: s.url, logger: { logger, level: 'warn' } }).get('/')
    expect(all).toHaveLength(1)
  })
})
