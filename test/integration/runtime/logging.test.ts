import { inspect } from 'node:util'
import { afterEach, describe, expect, test, vi } from 'vitest'
import { bearer, createHttpClient, UNSAFE_REVEAL_SECRETS, type LogEvent, type Logger } from '../../../runtime/index'
import { createApi } from '../../../runtime/internal'
import { json, startServer, type TestServer } from '../../helpers/http-server'

const servers: TestServer[] = []
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => s.close()))
  vi.restoreAllMocks()
})

function memoryLogger(): Logger & { events: LogEvent[]; text(): string } {
  const events: LogEvent[] = []
  const push = (e: LogEvent): void => void events.push(e)
  return { events, debug: push, info: push, warn: push, error: push, text: () => JSON.stringify(events) }
}

async function flaky(): Promise<TestServer> {
  const s = await startServer((_req, res, n) =>
    n % 2 === 1 ? json(res, 503, { error: 'busy' }, { 'set-cookie': 'sid=server-secret', 'x-request-id': 'r1' }) : json(res, 200, { ok: true }),
  )
  servers.push(s)
  return s
}

const SECRETS = ['s3cret-token', 'q-key-value', 'hdr-key-value', 'pa55', 'server-secret', 'tok-in-url']

describe('logging', () => {
  test('off by default: nothing reaches the console', async () => {
    const s = await flaky()
    const spies = (['debug', 'info', 'warn', 'error', 'log'] as const).map((m) => vi.spyOn(console, m).mockImplementation(() => {}))
    await createHttpClient({ baseUrl: s.url, retry: { baseDelay: 1, budget: false } }).get('/')
    expect(spies.every((spy) => spy.mock.calls.length === 0)).toBe(true)
  })

  test('one structured event per attempt, with retry reason and delay', async () => {
    const s = await flaky()
    const logger = memoryLogger()
    await createHttpClient({ baseUrl: s.url, logger, name: 'demo', retry: { baseDelay: 1, budget: false } }).get('/pets?limit=1')
    expect(logger.events).toHaveLength(2)
    const [retry, ok] = logger.events
    expect(retry).toMatchObject({
      level: 'warn',
      event: 'http.attempt',
      client: 'demo',
      method: 'GET',
      url: `${s.url}/pets?limit=1`,
      attempt: 1,
      status: 503,
      error: 'ServerError',
    })
    expect(retry!.retry).toMatchObject({ reason: 'status 503', delaySource: 'backoff' })
    expect(typeof retry!.durationMs).toBe('number')
    expect(ok).toMatchObject({ level: 'info', attempt: 2, status: 200 })
  })

  test('console logger when enabled, filtered by level', async () => {
    const s = await flaky()
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {})
    const info = vi.spyOn(console, 'info').mockImplementation(() => {})
    await createHttpClient({ baseUrl: s.url, logger: 'warn', retry: { baseDelay: 1, budget: false } }).get('/')
    expect(warn).toHaveBeenCalledTimes(1)
    expect(String(warn.mock.calls[0]![0])).toMatch(/^\[networking\] GET .* attempt 1 failed: ServerError 503; retrying in \d+ ms/)
    expect(info).not.toHaveBeenCalled()
  })
})

describe('redaction everywhere', () => {
  async function leakyCall(unsafe?: typeof UNSAFE_REVEAL_SECRETS) {
    const s = await startServer((_req, res) => json(res, 500, { error: 'x' }, { 'set-cookie': 'sid=server-secret' }))
    servers.push(s)
    const logger = memoryLogger()
    const api = createApi({
      name: 'leaky',
      servers: [{ url: s.url.replace('http://', 'http://user:pa55@') }],
      securitySchemes: {
        q: { type: 'apiKey', in: 'query', name: 'appid' },
        h: { type: 'apiKey', in: 'header', name: 'X-Custom-Auth' },
        b: { type: 'http', scheme: 'bearer' },
      },
      security: [{ q: [], h: [], b: [] }],
    })
    const op = api.operation({ id: 'getThing', method: 'GET', path: '/thing', params: [{ name: 'access_token', in: 'query' }] })
    api.configure({ logger, retry: false, auth: { q: 'q-key-value', h: 'hdr-key-value', b: 's3cret-token' }, unsafeRevealSecrets: unsafe })
    const error = await op({ query: { access_token: 'tok-in-url' } }).catch((e: unknown) => e)
    return { s, logger, error: error as Error }
  }

  test('log output, error message, JSON and inspect() carry no credentials', async () => {
    const { logger, error } = await leakyCall()
    const surfaces = [logger.text(), error.message, JSON.stringify(error), inspect(error, { depth: 5 }), String(error.stack)]
    for (const text of surfaces) for (const secret of SECRETS) expect(text).not.toContain(secret)
    expect(error.message).toContain('/thing?access_token=REDACTED&appid=REDACTED')
    // fetch refuses userinfo; it went out as credentials and is gone from the URL shown.
    expect(error.message).toMatch(/^GET http:\/\/127\.0\.0\.1:\d+\/thing/)
    expect((error as unknown as { headers: Record<string, string> }).headers['set-cookie']).toBe('REDACTED')
  })

  test('the named opt-out shows them', async () => {
    const { logger, error } = await leakyCall(UNSAFE_REVEAL_SECRETS)
    expect(error.message).toContain('appid=q-key-value')
    expect(logger.text()).toContain('access_token=tok-in-url')
  })

  test('clients print no options', async () => {
    const client = createHttpClient({ baseUrl: 'https://u:pa55@api.example.com/?key=tok-in-url', auth: bearer('s3cret-token'), name: undefined })
    const shown = `${String(client)} ${inspect(client)}`
    for (const secret of SECRETS) expect(shown).not.toContain(secret)
    expect(shown).toContain('HttpClient(https://REDACTED:REDACTED@api.example.com/?key=REDACTED)')
  })
})
