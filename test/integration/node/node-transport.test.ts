import { brotliCompressSync, constants, createBrotliCompress, createDeflate, createGzip, deflateSync, gzipSync } from 'node:zlib'
import { afterAll, describe, expect, test } from 'vitest'
import { BodyTooLargeError, createHttpClient, HttpError, TimeoutError } from '../../../runtime/index'
import { createNodeFetch } from '../../../runtime/node/index'
import { json, startServer } from '../../helpers/http-server'

const nodeFetch = createNodeFetch()
afterAll(() => nodeFetch.close())

const servers: { close(): Promise<void> }[] = []
afterAll(() => Promise.all(servers.map((s) => s.close())))
async function serve(...args: Parameters<typeof startServer>) {
  const s = await startServer(...args)
  servers.push(s)
  return s
}

const ENCODE: Record<string, (b: Buffer) => Buffer> = {
  gzip: (b) => gzipSync(b),
  br: (b) => brotliCompressSync(b, { params: { [constants.BROTLI_PARAM_QUALITY]: 2 } }),
  deflate: (b) => deflateSync(b),
}
const ENCODER = { gzip: createGzip, br: () => createBrotliCompress({ params: { [constants.BROTLI_PARAM_QUALITY]: 1 } }), deflate: createDeflate }
const ZEROS = Buffer.alloc(1 << 20)

describe('the Node transport (createNodeFetch)', () => {
  test.each(['gzip', 'br', 'deflate'])('decodes %s, and asks for it as fetch does', async (coding) => {
    const s = await serve((req, res) => {
      res
        .writeHead(200, { 'content-type': 'application/json', 'content-encoding': coding })
        .end(ENCODE[coding]!(Buffer.from(JSON.stringify({ coding, url: req.url }))))
    })
    const client = createHttpClient({ baseUrl: s.url, fetch: nodeFetch })
    expect(await client.get('/x')).toEqual({ coding, url: '/x' })
    expect(s.requests[0]!.headers['accept-encoding']).toBe('gzip, deflate, br')
    expect(s.requests[0]!.headers.accept).toBe('*/*')
  })

  test('an unknown coding is left as it came, with its header', async () => {
    const s = await serve((_req, res) => res.writeHead(200, { 'content-type': 'text/plain', 'content-encoding': 'x-custom' }).end('raw'))
    const client = createHttpClient({ baseUrl: s.url, fetch: nodeFetch })
    const { data, response } = await client.send({ method: 'GET', url: '/' })
    expect([data, response.headers.get('content-encoding')]).toEqual(['raw', 'x-custom'])
  })

  test.each(['gzip', 'br', 'deflate'] as const)(
    'an endless %s bomb stops at maxBodyBytes (2xx) and maxErrorBodyBytes (5xx): decoding is pulled, never run ahead',
    async (coding) => {
      // Compressed zeros for as long as the client reads: only a client that stops reading ends this test.
      const s = await serve((req, res) => {
        res.writeHead(req.url === '/ok' ? 200 : 500, { 'content-type': 'text/plain', 'content-encoding': coding })
        const packer = ENCODER[coding]()
        packer.pipe(res)
        let open = true
        res.on('close', () => {
          open = false
          packer.destroy()
        })
        const pump = (): void => {
          while (open && packer.write(ZEROS));
          if (open) packer.once('drain', pump)
        }
        pump()
      })
      const client = createHttpClient({ baseUrl: s.url, fetch: nodeFetch, maxBodyBytes: 1 << 20, maxErrorBodyBytes: 4096, retry: false })
      const tooLarge = await client.get('/ok').catch((e: unknown) => e)
      expect(tooLarge).toBeInstanceOf(BodyTooLargeError)
      const failed = await client.get('/fail').catch((e: unknown) => e)
      expect(failed).toBeInstanceOf(HttpError)
      expect(((failed as HttpError).body as string).length).toBe(4096)
    },
  )

  test('the attempt timeout goes to the transport: no AbortSignal per attempt, and the body is bounded too', async () => {
    const s = await serve((req, res) => {
      if (req.url === '/stall') res.writeHead(200, { 'content-type': 'text/plain', 'content-length': '10' }).write('ab')
      else json(res, 200, { ok: true })
    })
    const seen: RequestInit[] = []
    const spy = Object.assign((input: string | URL | Request, init?: RequestInit) => (seen.push(init!), nodeFetch(input, init)), nodeFetch)
    const client = createHttpClient({ baseUrl: s.url, fetch: spy, timeout: 1_500, retry: false })
    expect(await client.get('/fine')).toEqual({ ok: true })
    expect(seen[0]!.signal).toBeUndefined()
    expect(seen[0]).toMatchObject({ attemptTimeout: { ms: 1_500, stream: false } })
    // Past a second the body's timer is the shared coarse one: it fires, at most a tick late.
    const t0 = Date.now()
    const error = await client.get('/stall').catch((e: unknown) => e)
    expect(error).toBeInstanceOf(TimeoutError)
    expect(error).toMatchObject({ kind: 'attempt', code: 'ERR_TIMEOUT' })
    expect(Date.now() - t0).toBeGreaterThanOrEqual(1_400)
    expect(Date.now() - t0).toBeLessThan(5_000)
  })

  test('an event stream outlives the attempt timeout (it ends with the headers), as on fetch', async () => {
    const s = await serve((_req, res) => {
      res.writeHead(200, { 'content-type': 'text/event-stream' }).write('data: one\n\n')
      setTimeout(() => res.end('data: two\n\n'), 250)
    })
    const client = createHttpClient({ baseUrl: s.url, fetch: nodeFetch, timeout: 50 })
    const events = await client.get<AsyncIterable<{ data: string }>>('/events')
    const got: string[] = []
    for await (const e of events) got.push(e.data)
    expect(got).toEqual(['one', 'two'])
  })

  test('request bodies are encoded the way fetch encodes them', async () => {
    const s = await serve((req, res) => json(res, 200, { type: req.headers['content-type'], body: req.body }))
    const client = createHttpClient({ baseUrl: s.url, fetch: nodeFetch })
    expect(await client.post('/', { a: 1 })).toEqual({ type: 'application/json', body: '{"a":1}' })
    expect(await client.post('/', 'plain')).toEqual({ type: 'text/plain;charset=UTF-8', body: 'plain' })
    expect(await client.post('/', new URLSearchParams({ q: 'a b' }))).toEqual({ type: 'application/x-www-form-urlencoded;charset=UTF-8', body: 'q=a+b' })
    expect(await client.post('/', new Blob(['blob'], { type: 'text/csv' }))).toEqual({ type: 'text/csv', body: 'blob' })
    const form = new FormData()
    form.set('field', 'value')
    const multipart = (await client.post('/', form)) as { type: string; body: string }
    expect(multipart.type).toMatch(/^multipart\/form-data; boundary=/)
    expect(multipart.body).toContain('name="field"\r\n\r\nvalue')
    const stream = new ReadableStream({
      start(c) {
        c.enqueue(new TextEncoder().encode('streamed'))
        c.close()
      },
    })
    expect(await client.post('/', stream, { headers: { 'content-type': 'text/plain' } })).toEqual({ type: 'text/plain', body: 'streamed' })
  })

  test('called as fetch: a Request or URL, the caller abort reason, clone(), repeated headers, HEAD, bytes and Blob', async () => {
    const s = await serve((req, res) => {
      if (req.url === '/stall') return
      res.setHeader('set-cookie', ['a=1', 'b=2'])
      res.writeHead(req.url === '/odd' ? 299 : 201, { 'content-type': 'application/json' }).end(JSON.stringify({ method: req.method, body: req.body }))
    })
    const response = await nodeFetch(new Request(`${s.url}/r`, { method: 'PUT', body: 'hi' }))
    expect([response.status, response.ok, response.url, response.type, response.headers.getSetCookie()]).toEqual([
      201,
      true,
      `${s.url}/r`,
      'basic',
      ['a=1', 'b=2'],
    ])
    expect(response).toBeInstanceOf(Response)
    const copy = response.clone()
    expect(await copy.json()).toEqual({ method: 'PUT', body: 'hi' })
    expect(await response.json()).toEqual({ method: 'PUT', body: 'hi' })
    expect(response.bodyUsed).toBe(true)
    await expect(response.text()).rejects.toThrow(TypeError)

    const head = await nodeFetch(`${s.url}/h`, { method: 'HEAD' })
    expect([head.status, head.body]).toEqual([201, null])
    const bytes = await nodeFetch(new URL(`${s.url}/b`))
    expect(new TextDecoder().decode(await bytes.arrayBuffer())).toContain('"GET"')
    expect((await (await nodeFetch(`${s.url}/blob`)).blob()).type).toBe('application/json')

    const controller = new AbortController()
    const pending = nodeFetch(`${s.url}/stall`, { signal: controller.signal })
    const reason = new Error('stop')
    controller.abort(reason)
    await expect(pending).rejects.toBe(reason)
  })

  test('a server status outside 200-599 reaches the caller as it is (fetch refuses to build such a Response)', async () => {
    const s = await serve((_req, res) => res.writeHead(600, { 'content-type': 'text/plain' }).end('odd'))
    const client = createHttpClient({ baseUrl: s.url, fetch: nodeFetch, retry: false })
    const error = await client.get('/').catch((e: unknown) => e)
    expect(error).toBeInstanceOf(HttpError)
    expect(error).toMatchObject({ status: 600, body: 'odd' })
  })

  test('close() closes its own Agent; a dispatcher passed in is left to its owner', async () => {
    const s = await serve((_req, res) => json(res, 200, 1))
    const mine = createNodeFetch({ connections: 2 })
    expect(await (await mine(s.url)).json()).toBe(1)
    await mine.close()
    await expect(mine(s.url)).rejects.toThrow(/closed|destroyed/i)
    const { Agent } = await import('undici')
    const agent = new Agent()
    const theirs = createNodeFetch({ dispatcher: agent })
    await theirs.close()
    expect(await (await theirs(s.url)).json()).toBe(1)
    await agent.close()
  })
})
