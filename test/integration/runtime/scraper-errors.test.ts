import { inspect } from 'node:util'
import { afterEach, describe, expect, test, vi } from 'vitest'
import { apiKey, createHttpClient, ServerError } from '../../../runtime/index'
import { json, serversClosedAfterEach } from '../../helpers/http-server'

const serve = serversClosedAfterEach()
afterEach(() => vi.restoreAllMocks())

describe('what a scraper sees when a call fails', () => {
  test('a retry skipped because the retry budget is exhausted: the thrown error says so', async () => {
    const s = await serve((_req, res) => json(res, 503, {}))
    const client = createHttpClient({ baseUrl: s.url, retry: { baseDelay: 1, budget: { ratio: 0, floor: 0 } } })
    const error = await client.get('/x').catch((e: unknown) => e)
    expect(error).toBeInstanceOf(ServerError)
    expect(s.requests).toHaveLength(1)
    expect((error as Error).message).toMatch(/not retried: the retry budget of http:\/\/127\.0\.0\.1:\d+ is exhausted/)
    expect(String(error)).toContain('retry budget')
    expect((error as Error).stack).toContain('retry budget')
    expect(JSON.stringify(error)).toContain('retry budget')
  })

  test('a 500 body excerpt shows when the error is printed, inspected or serialised: bounded and redacted', async () => {
    const key = 'sEcReT-key-4242'
    const s = await serve((req, res) => {
      if (req.url!.startsWith('/long')) return res.writeHead(500, { 'content-type': 'text/plain' }).end('x'.repeat(20_000))
      json(res, 500, { error: 'database on fire', echo: `you sent ${req.url}`, key })
    })
    const client = createHttpClient({ baseUrl: s.url, auth: apiKey('query', 'appid', key), retry: false })
    const error = await client.get('/x').catch((e: unknown) => e)
    for (const text of [inspect(error), JSON.stringify(error), String(error)]) {
      expect(text).toContain('database on fire')
      expect(text).not.toContain(key)
    }
    const long = await client.get('/long').catch((e: unknown) => e)
    const shown = JSON.parse(JSON.stringify(long)) as { bodyExcerpt: string }
    expect(shown.bodyExcerpt.length).toBeLessThanOrEqual(201)
    expect(String(long).length).toBeLessThan(600)
  })

  test('logging at info: one line per attempt, no field object; at debug the fields come along', async () => {
    const s = await serve((_req, res, n) => (n === 1 ? json(res, 503, {}) : json(res, 200, { ok: true })))
    const calls: unknown[][] = []
    for (const m of ['debug', 'info', 'warn', 'error'] as const) vi.spyOn(console, m).mockImplementation((...args: unknown[]) => void calls.push(args))
    await createHttpClient({ baseUrl: s.url, logger: true, retry: { baseDelay: 1, budget: false } }).get('/x')
    expect(calls).toHaveLength(2)
    for (const args of calls) {
      expect(args).toHaveLength(1)
      expect(String(args[0])).not.toContain('\n')
    }
    calls.length = 0
    await createHttpClient({ baseUrl: s.url, logger: 'debug', retry: false }).get('/x')
    expect(calls).toHaveLength(1)
    expect(calls[0]![1]).toMatchObject({ event: 'http.attempt', status: 200 })
  })
})
