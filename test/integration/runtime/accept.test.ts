import { describe, expect, test } from 'vitest'
import { createHttpClient } from '../../../runtime/index'
import { createApi } from '../../../runtime/internal'
import { json, serversClosedAfterEach } from '../../helpers/http-server'

const serve = serversClosedAfterEach()

/**
 * What goes out as Accept: ofetch (our transport until issue 13) added `accept: application/json`
 * to every request with a string or JSON body; ours sends what the caller asked for, or the operation's documented 2xx media
 * types, and otherwise leaves it to fetch (`*\/*`). Parsing follows the response's Content-Type.
 */
describe('the Accept header', () => {
  test('a hand-written client sends no Accept of its own (fetch says */*), and still parses JSON', async () => {
    const s = await serve((_req, res) => json(res, 200, { ok: true }))
    const client = createHttpClient({ baseUrl: s.url, retry: false })
    expect(await client.post('/json', { a: 1 })).toEqual({ ok: true })
    expect(await client.post('/text', 'plain words', { headers: { 'content-type': 'text/plain' } })).toEqual({ ok: true })
    expect(await client.put('/string', 'no type')).toEqual({ ok: true })
    expect(await client.get('/get')).toEqual({ ok: true })
    expect(s.requests.map((r) => [r.url, r.headers.accept, r.headers['content-type'], r.body])).toEqual([
      ['/json', '*/*', 'application/json', '{"a":1}'],
      ['/text', '*/*', 'text/plain', 'plain words'],
      ['/string', '*/*', 'text/plain;charset=UTF-8', 'no type'],
      ['/get', '*/*', undefined, ''],
    ])
  })

  test('an Accept the caller sets is sent as it is, client-wide or per call', async () => {
    const s = await serve((_req, res) => res.writeHead(200, { 'content-type': 'text/csv' }).end('a,b'))
    const client = createHttpClient({ baseUrl: s.url, retry: false, headers: { Accept: 'text/csv' } })
    expect(await client.post('/a', { q: 1 })).toBe('a,b')
    expect(await client.post('/b', 'x', { headers: { accept: 'application/xml' } })).toBe('a,b')
    expect(s.requests.map((r) => r.headers.accept)).toEqual(['text/csv', 'application/xml'])
  })

  test('a generated-style operation: its 2xx media types, or nothing; non-ASCII text bodies arrive intact', async () => {
    const s = await serve((_req, res) => res.writeHead(204).end())
    const api = createApi({ name: 't', servers: [{ url: s.url }] })
    const note = api.operation({
      id: 'note',
      method: 'POST',
      path: '/note',
      body: { contentTypes: ['text/plain'] },
      responses: { '204': { contentTypes: [] } },
    })
    const report = api.operation({
      id: 'report',
      method: 'POST',
      path: '/report',
      body: { contentTypes: ['application/json'] },
      responses: {
        '200': { contentTypes: ['text/csv'] },
        '201': { contentTypes: ['application/json'] },
        '400': { contentTypes: ['application/problem+json'] },
      },
    })
    await note({ body: 'héllo ✓' })
    await report({ body: { a: 'ü' } })
    expect(s.requests.map((r) => [r.headers.accept, r.body])).toEqual([
      ['*/*', 'héllo ✓'],
      ['text/csv, application/json', '{"a":"ü"}'],
    ])
  })
})
