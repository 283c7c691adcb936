import { inspect } from 'node:util'
import { afterEach, describe, expect, test, vi } from 'vitest'
import { pickRequirement, strategyFor } from '../../../runtime/auth/from-scheme'
import { ConfigurationError, ConnectionError, createHttpError, HttpError, RateLimitedError, ServerError, TimeoutError } from '../../../runtime/errors/index'
import { createEmitter } from '../../../runtime/log/logger'
import { newIdempotencyKey } from '../../../runtime/policy/idempotency'

const env = { resolveUrl: (u: string) => new URL(u, 'https://api.x/v1/').href, fetch: () => globalThis.fetch }
async function applied(strategy: ReturnType<typeof strategyFor>) {
  const req = { url: new URL('https://api.x/a'), headers: new Headers() }
  await strategy.apply(req)
  return { auth: req.headers.get('authorization'), url: req.url.href }
}

afterEach(() => vi.restoreAllMocks())

describe('strategies from security schemes', () => {
  test('other HTTP schemes send "<Scheme> <value>"; unknown schemes fall back to bearer', async () => {
    expect((await applied(strategyFor('d', { type: 'http', scheme: 'Digest' }, 'abc', env))).auth).toBe('Digest abc')
    expect((await applied(strategyFor('u', undefined, () => 'tok', env))).auth).toBe('Bearer tok')
    expect((await applied(strategyFor('o', { type: 'oauth2', flows: {} }, 'static', env))).auth).toBe('Bearer static')
  })

  test('a credential that does not fit its scheme is a clear ConfigurationError', () => {
    expect(() => strategyFor('k', { type: 'apiKey', in: 'header', name: 'X' }, { username: 'a', password: 'b' }, env)).toThrow(
      'auth.k: this credential does not fit the apiKey scheme',
    )
    expect(() => strategyFor('b', { type: 'http', scheme: 'basic' }, 'user:pass', env)).toThrow(ConfigurationError)
    expect(() => strategyFor('b', { type: 'http', scheme: 'bearer' }, { username: 'a', password: 'b' }, env)).toThrow(ConfigurationError)
    expect(() => strategyFor('o', { type: 'oauth2', flows: {} }, { username: 'a', password: 'b' }, env)).toThrow(ConfigurationError)
    expect(() => strategyFor('o', { type: 'oauth2', flows: {} }, { clientId: 'a', clientSecret: 'b' }, env)).toThrow('no token URL')
    expect(() => strategyFor('i', { type: 'openIdConnect', openIdConnectUrl: 'x' }, { username: 'a', password: 'b' }, env)).toThrow(ConfigurationError)
    expect(() => strategyFor('m', { type: 'mutualTLS' }, { username: 'a', password: 'b' }, env)).toThrow(ConfigurationError)
  })

  test('a custom strategy is used as is', () => {
    const custom = { apply: () => {} }
    expect(strategyFor('c', { type: 'http', scheme: 'bearer' }, custom, env)).toBe(custom)
  })

  test.each<[Record<string, string[]>[] | undefined, string[], string[]]>([
    [undefined, ['a'], []],
    [[{}], ['a'], []],
    [[{ a: [] }, { b: [] }], ['b'], ['b']],
    [
      [{ a: [], b: [] }, { c: [] }],
      ['a', 'b'],
      ['a', 'b'],
    ],
    [[{ a: [], b: [] }], ['a'], []],
    [[{}, { a: [] }], ['a'], ['a']],
  ])('requirements %j with credentials %j → %j', (requirements, have, expected) => {
    expect(pickRequirement(requirements, (n) => have.includes(n))).toEqual(expected)
  })
})

describe('errors', () => {
  const info = { method: 'GET', url: 'https://api.x/a?token=REDACTED', operationId: 'op', attempts: 2 }
  test('status classes, JSON and inspect show redacted fields only', () => {
    const e = createHttpError({ ...info, status: 503, headers: { 'x-request-id': 'r' }, body: { m: 1 }, requestId: 'r' })
    expect(e).toBeInstanceOf(ServerError)
    expect(createHttpError({ ...info, status: 418, headers: {}, body: undefined }).constructor).toBe(HttpError)
    expect(e.toJSON()).toEqual({
      name: 'ServerError',
      code: 'ERR_HTTP_503',
      message: e.message,
      status: 503,
      method: 'GET',
      url: info.url,
      operationId: 'op',
      attempts: 2,
      requestId: 'r',
      headers: { 'x-request-id': 'r' },
      bodyExcerpt: '{"m":1}',
    })
    const r = new RateLimitedError({ ...info, status: 429, headers: {}, body: undefined, retryAt: new Date(0) })
    expect(r.toJSON()).toMatchObject({ code: 'ERR_RATE_LIMITED', retryAt: '1970-01-01T00:00:00.000Z' })
    const c = new ConnectionError(info, 'reset', { cause: new Error('ECONNRESET') })
    expect(c.toJSON()).toMatchObject({ name: 'ConnectionError', code: 'ERR_CONNECTION', attempts: 2 })
    expect(inspect(new TimeoutError(info, 'deadline', 50))).toContain('"code":"ERR_DEADLINE"')
  })
})

describe('small pieces', () => {
  test('the console logger prefixes messages and honours the level', () => {
    const debug = vi.spyOn(console, 'debug').mockImplementation(() => {})
    const error = vi.spyOn(console, 'error').mockImplementation(() => {})
    const emit = createEmitter('debug')!
    emit({ level: 'debug', event: 'e', message: 'hello' })
    emit({ level: 'error', event: 'e', message: 'bad' })
    expect(debug.mock.calls[0]![0]).toBe('[networking] hello')
    expect(error.mock.calls[0]![0]).toBe('[networking] bad')
    expect(createEmitter(false)).toBeUndefined()
  })

  test('idempotency keys without crypto.randomUUID (insecure browser contexts)', () => {
    const c = globalThis.crypto
    // Shadow the prototype method with an own property; deleting it restores the original.
    Object.defineProperty(c, 'randomUUID', { value: undefined, configurable: true })
    try {
      const key = newIdempotencyKey()
      expect(key).toMatch(/^[0-9a-f]{32}$/)
      expect(newIdempotencyKey()).not.toBe(key)
    } finally {
      delete (c as { randomUUID?: unknown }).randomUUID
    }
    expect(typeof globalThis.crypto.randomUUID).toBe('function')
  })
})
