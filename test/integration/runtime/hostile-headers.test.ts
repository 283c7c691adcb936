import { describe, expect, test } from 'vitest'
import { createHttpClient, NetworkingError, RateLimitedError } from '../../../runtime/index'
import { json, serversClosedAfterEach } from '../../helpers/http-server'

const serve = serversClosedAfterEach()
const fast = { baseDelay: 1, maxDelay: 5, budget: false as const }
// setTimeout's limit: no parsed wait may exceed it (a longer one would fire at once).
const MAX_WAIT = 2_147_483_647

describe('huge or garbage wait headers from the server', () => {
  const huge: [string, Record<string, string>][] = [
    ['a 20-digit Retry-After', { 'retry-after': '99999999999999999999' }],
    ['a 400-digit retry-after-ms', { 'retry-after-ms': '9'.repeat(400) }],
    ['a 400-digit retry-after-ms with a fraction', { 'retry-after-ms': `${'9'.repeat(400)}.5` }],
    ['a 20-digit RateLimit-Reset on a 429', { 'ratelimit-reset': '99999999999999999999' }],
    ['an HTTP-date in the year 9999', { 'retry-after': 'Fri, 31 Dec 9999 23:59:59 GMT' }],
  ]
  test.each(huge)('%s is a RateLimitedError with a valid, clamped retryAt (never a bare RangeError)', async (_name, headers) => {
    const s = await serve((_req, res) => json(res, 429, { slow: 'down' }, headers))
    const client = createHttpClient({ baseUrl: s.url, retry: fast })
    const before = Date.now()
    const error = await client.get('/x').catch((e: unknown) => e)
    expect(error).toBeInstanceOf(RateLimitedError)
    const at = (error as RateLimitedError).retryAt.getTime()
    expect(Number.isNaN(at)).toBe(false)
    expect(at).toBeGreaterThan(before + 60_000)
    expect(at).toBeLessThanOrEqual(Date.now() + MAX_WAIT)
    expect(JSON.stringify(error)).toContain('"retryAt"')
    expect(String(error)).toContain('retry at')
    expect(s.requests).toHaveLength(1)
  })

  test.each(['-5', '1e3', 'soon', '0x10', 'Infinity'])('Retry-After %j is ignored: backoff, then success', async (value) => {
    const s = await serve((_req, res, n) => (n === 1 ? json(res, 503, {}, { 'retry-after': value }) : json(res, 200, { ok: true })))
    const client = createHttpClient({ baseUrl: s.url, retry: fast })
    expect(await client.get('/x')).toEqual({ ok: true })
    expect(s.requests).toHaveLength(2)
  })

  test('a RateLimitedError built with an invalid date still prints and serialises', () => {
    const error = new RateLimitedError({ method: 'GET', url: 'http://x.test/', status: 429, headers: {}, body: undefined, retryAt: new Date(Number.NaN) })
    expect(error).toBeInstanceOf(NetworkingError)
    expect(error.message).toContain('retry at an unknown time')
    expect(JSON.parse(JSON.stringify(error)).retryAt).toBeNull()
  })
})
