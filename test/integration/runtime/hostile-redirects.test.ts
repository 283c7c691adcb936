import { inspect } from 'node:util'
import { describe, expect, test } from 'vitest'
import { apiKey, bearer, createHttpClient, NetworkingError, RedirectError, type LogEvent } from '../../../runtime/index'
import { json, serversClosedAfterEach } from '../../helpers/http-server'

const serve = serversClosedAfterEach()
const fast = { baseDelay: 1, maxDelay: 5, budget: false as const }

/** Every way an error reaches a person or a log: each must be free of `secret`. */
function outputsOf(error: unknown): Record<string, string> {
  const e = error as Error
  return {
    message: e.message,
    toString: String(e),
    stack: e.stack ?? '',
    json: JSON.stringify(e),
    inspect: inspect(e, { depth: 5 }),
    inspectShowHidden: inspect(e, { depth: 5, showHidden: true }),
  }
}

describe('redirects followed by hand', () => {
  test('a 302 to data: with a bearer token set is refused (RedirectError), never followed or retried', async () => {
    const s = await serve((_req, res) => res.writeHead(302, { location: 'data:application/json,{"pwned":true}' }).end())
    const client = createHttpClient({ baseUrl: s.url, auth: bearer('tok-123'), retry: fast })
    const error = await client.get('/x').catch((e: unknown) => e)
    expect(error).toBeInstanceOf(RedirectError)
    expect(error).toBeInstanceOf(NetworkingError)
    expect((error as RedirectError).code).toBe('ERR_REDIRECT_REFUSED')
    expect((error as RedirectError).message).toContain('data:')
    expect(s.requests).toHaveLength(1)
  })

  test('other schemes (file:, javascript:) and a malformed Location are refused without credentials too', async () => {
    const locations = ['file:///etc/passwd', 'javascript:alert(1)', 'http://[::1']
    const s = await serve((_req, res, n) => res.writeHead(301, { location: locations[(n - 1) % locations.length]! }).end())
    const client = createHttpClient({ baseUrl: s.url, retry: fast })
    for (const _ of locations) {
      const error = await client.get('/x').catch((e: unknown) => e)
      expect(error).toBeInstanceOf(RedirectError)
      expect((error as RedirectError).code).toBe('ERR_REDIRECT_REFUSED')
    }
    expect(s.requests).toHaveLength(locations.length)
  })

  test('a redirect loop ends in one RedirectError after the limit (20 redirects, 21 requests), not retried', async () => {
    const s = await serve((req, res) => res.writeHead(302, { location: req.url === '/a' ? '/b' : '/a' }).end())
    for (const auth of [undefined, bearer('t')]) {
      const before = s.requests.length
      const client = createHttpClient({ baseUrl: s.url, retry: fast, ...(auth ? { auth } : {}) })
      const error = await client.get('/a').catch((e: unknown) => e)
      expect(error).toBeInstanceOf(RedirectError)
      expect((error as RedirectError).code).toBe('ERR_TOO_MANY_REDIRECTS')
      expect((error as RedirectError).redirects).toBe(20)
      expect(s.requests.length - before).toBe(21)
    }
  })

  test('a cross-origin 303 (and 302 for POST) drops the body and Content-Type like the same-origin path', async () => {
    const other = await serve((req, res) => json(res, 200, { method: req.method, type: req.headers['content-type'] ?? null, body: req.body }))
    const home = await serve((req, res) => {
      if (req.url === '/same') return res.writeHead(303, { location: '/landed' }).end()
      if (req.url === '/landed') return json(res, 200, { method: req.method, type: req.headers['content-type'] ?? null, body: req.body })
      res.writeHead(req.url === '/far302' ? 302 : 303, { location: `${other.url}/landed` }).end()
    })
    const client = createHttpClient({ baseUrl: home.url, auth: bearer('t') })
    const expected = { method: 'GET', type: null, body: '' }
    expect(await client.post('/same', { a: 1 })).toEqual(expected)
    expect(await client.post('/far303', { a: 1 })).toEqual(expected)
    expect(await client.post('/far302', { a: 1 })).toEqual(expected)
    expect(other.requests.map((r) => r.headers.authorization)).toEqual([undefined, undefined])
  })
})

describe('credentials the runtime places are redacted whatever their name', () => {
  const secret = 'k3y-V4lue-0f-the-c4ller'

  test('an API key in the query as `appid`: absent from every kind of error output, logs and hook URLs', async () => {
    const s = await serve((_req, res) => json(res, 500, { error: 'database on fire' }))
    const events: LogEvent[] = []
    const hookUrls: string[] = []
    const client = createHttpClient({
      baseUrl: s.url,
      auth: apiKey('query', 'appid', secret),
      retry: { ...fast, limit: 1 },
      logger: {
        level: 'debug',
        logger: { debug: (e) => void events.push(e), info: (e) => void events.push(e), warn: (e) => void events.push(e), error: (e) => void events.push(e) },
      },
      hooks: {
        onRequest: (c) => void hookUrls.push(c.url),
        onRetry: (c) => void hookUrls.push(c.url, String(c.error)),
        onError: (c) => void hookUrls.push(c.url, String(c.error)),
      },
    })
    const error = await client.get('/weather?q=paris').catch((e: unknown) => e)
    expect(s.requests[0]!.url).toBe(`/weather?q=paris&appid=${secret}`)
    expect((error as { url: string }).url).toContain('appid=REDACTED')
    for (const [kind, text] of Object.entries({ ...outputsOf(error), logs: JSON.stringify(events), hooks: hookUrls.join(' ') })) {
      expect(text, kind).not.toContain(secret)
    }
    expect(events.length).toBeGreaterThan(0)
    expect(hookUrls.length).toBeGreaterThan(0)
  })

  test('an API key in a harmless-named header is redacted when the server echoes it in its response headers', async () => {
    const s = await serve((req, res) => json(res, 502, {}, { 'x-client': String(req.headers['x-client']) }))
    const client = createHttpClient({ baseUrl: s.url, auth: apiKey('header', 'X-Client', secret), retry: false })
    const error = await client.get('/x').catch((e: unknown) => e)
    expect(s.requests[0]!.headers['x-client']).toBe(secret)
    expect((error as { headers: Record<string, string> }).headers['x-client']).toBe('REDACTED')
    for (const [kind, text] of Object.entries(outputsOf(error))) expect(text, kind).not.toContain(secret)
  })
})
