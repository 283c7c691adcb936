import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { openRuntimePage, type RuntimePage } from '../../helpers/http-browser'

// The runtime as a page sees it: bundled for browsers, fetch and streams from Chromium itself.
let rt: RuntimePage
let flaky = 0
const seen: { url: string; auth?: string; type?: string; body: string }[] = []

beforeAll(async () => {
  rt = await openRuntimePage((req, res) => {
    seen.push({ url: req.url ?? '', auth: req.headers.authorization, type: req.headers['content-type'], body: req.body.toString('latin1') })
    const json = (status: number, body: unknown, headers: Record<string, string> = {}) =>
      res.writeHead(status, { 'content-type': 'application/json', ...headers }).end(JSON.stringify(body))
    if (req.url?.startsWith('/pets/404')) return json(404, { message: 'no such pet' })
    if (req.url?.startsWith('/pets?')) return json(200, [{ id: 1, url: req.url }])
    if (req.url === '/flaky') return ++flaky === 1 ? json(503, {}, { 'retry-after-ms': '30' }) : json(200, { flaky })
    if (req.url === '/upload') return json(201, { type: req.headers['content-type'], size: req.body.length })
    if (req.url === '/stall') return void res.writeHead(200, { 'content-type': 'text/plain' })
    if (req.url === '/events') {
      res.writeHead(200, { 'content-type': 'text/event-stream' })
      res.write('data: {"n":1}\n\n')
      setTimeout(() => res.end('event: end\ndata: bye\n\n'), 30)
      return
    }
    json(200, { url: req.url })
  })
}, 60_000)
afterAll(() => rt?.close())

describe('runtime in headless Chromium', () => {
  test('operations, typed errors, retries and SSE', async () => {
    const result = await rt.page.evaluate(async (base) => {
      const { createApi, NotFoundError } = (window as any).rt
      const api = createApi({ name: 'petstore', servers: [{ url: base }], securitySchemes: { b: { type: 'http', scheme: 'bearer' } }, security: [{ b: [] }] })
      const listPets = api.operation({ id: 'listPets', method: 'GET', path: '/pets', params: [{ name: 'limit', in: 'query' }] })
      const showPet = api.operation({ id: 'showPet', method: 'GET', path: '/pets/{petId}', params: [{ name: 'petId', in: 'path', required: true }] })
      const flaky = api.operation({ id: 'flaky', method: 'GET', path: '/flaky' })
      const upload = api.operation({ id: 'upload', method: 'POST', path: '/upload', body: { contentTypes: ['multipart/form-data'] } })
      const events = api.operation({ id: 'events', method: 'GET', path: '/events' })
      api.configure({ auth: { b: 'browser-token' }, retry: { budget: false } })
      const list = await listPets({ query: { limit: 2 } })
      const missing = await showPet({ path: { petId: '404' } }).catch((e: Error) => e)
      const retried = await flaky()
      const file = new File(['hello'], 'a.txt', { type: 'text/plain' })
      const up = await upload({ body: { file, note: 'x' } })
      const got: unknown[] = []
      for await (const e of await events()) got.push(e)
      return {
        list,
        missing: { isNotFound: missing instanceof NotFoundError, status: (missing as any).status, body: (missing as any).body, message: missing.message },
        retried,
        up,
        got,
      }
    }, rt.url)
    expect(result.list).toEqual([{ id: 1, url: '/pets?limit=2' }])
    expect(result.missing).toEqual({
      isNotFound: true,
      status: 404,
      body: { message: 'no such pet' },
      message: `GET ${rt.url}/pets/404 (showPet) failed with HTTP 404 Not Found`,
    })
    expect(result.retried).toEqual({ flaky: 2 })
    expect(result.up).toMatchObject({ type: expect.stringMatching(/^multipart\/form-data; boundary=/) })
    expect(result.got).toEqual([
      { event: 'message', data: '{"n":1}' },
      { event: 'end', data: 'bye' },
    ])
    expect(seen.find((r) => r.url === '/pets?limit=2')?.auth).toBe('Bearer browser-token')
    expect(seen.find((r) => r.url === '/upload')?.body).toContain('filename="a.txt"')
  })

  test('an attempt timeout aborts the browser fetch; a caller abort is an AbortError', async () => {
    const result = await rt.page.evaluate(async (base) => {
      const { createHttpClient } = (window as any).rt
      const client = createHttpClient({ baseUrl: base, timeout: 100, retry: false })
      const t = await client.get('/stall').catch((e: any) => ({ name: e.name, kind: e.kind }))
      const controller = new AbortController()
      setTimeout(() => controller.abort(), 50)
      const a = await client.get('/stall', { signal: controller.signal, timeout: 0 }).catch((e: any) => ({ name: e.name }))
      return { t, a }
    }, rt.url)
    expect(result).toEqual({ t: { name: 'TimeoutError', kind: 'attempt' }, a: { name: 'AbortError' } })
  })
})
