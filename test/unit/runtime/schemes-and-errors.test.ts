import { inspect } from 'node:util'
import { afterEach, describe, expect, test, vi } from 'vitest'
import { pickRequirement, strategyFor } from '../../../runtime/auth/from-scheme'
import {
  AbortError,
  BodyTooLargeError,
  ConfigurationError,
  ConnectionError,
  createHttpError,
  HttpError,
  NetworkingError,
  NotFoundError,
  ParseError,
  RateLimitedError,
  RedirectError,
  ServerError,
  TimeoutError,
} from '../../../runtime/errors/index'
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

  // The classes share one constructor path (fields assigned from a table, toJSON from a field
  // list): every class still has its own name, code, fields and JSON.
  const request = { method: 'GET', url: info.url, operationId: 'op', attempts: 2 }
  test.each([
    [new TimeoutError(info, 'attempt', 5), 'TimeoutError', 'ERR_TIMEOUT', 'attempt timed out after 5 ms', { kind: 'attempt', ms: 5 }, {}],
    [new TimeoutError(info, 'deadline', 9, true), 'TimeoutError', 'ERR_DEADLINE', 'deadline of 9 ms exceeded while queued for a slot', { ms: 9 }, {}],
    [new TimeoutError(info, 'queue', 7), 'TimeoutError', 'ERR_QUEUE_TIMEOUT', 'waited 7 ms for a slot (queueTimeout); not sent', { kind: 'queue' }, {}],
    [new AbortError(info, 'why'), 'AbortError', 'ERR_ABORTED', 'aborted by the caller', { cause: 'why' }, {}],
    [new ConnectionError(info, 'reset'), 'ConnectionError', 'ERR_CONNECTION', 'reset', { refused: false }, {}],
    [new ConnectionError(info, 'no', { refused: true }), 'ConnectionError', 'ERR_CONNECTION_REFUSED', 'no', { refused: true }, {}],
    [new ParseError(info, 200, 'JSON'), 'ParseError', 'ERR_PARSE', 'HTTP 200 body is not valid JSON', { status: 200, contentType: 'JSON' }, {}],
    [new BodyTooLargeError(info, 10), 'BodyTooLargeError', 'ERR_BODY_TOO_LARGE', 'response body exceeds maxBodyBytes (10)', { limit: 10 }, {}],
    [new RedirectError(info, 20, undefined), 'RedirectError', 'ERR_TOO_MANY_REDIRECTS', 'more than 20 redirects', {}, { redirects: 20, location: undefined }],
    [
      new RedirectError(info, 1, 'data:x'),
      'RedirectError',
      'ERR_REDIRECT_REFUSED',
      'redirect to data:x refused (only http: and https: are followed)',
      {},
      { redirects: 1, location: 'data:x' },
    ],
  ] as const)('%s: name, code, message, fields and JSON', (error, name, code, detail, fields, json) => {
    expect(error).toBeInstanceOf(NetworkingError)
    expect(error).toMatchObject({ name, code, message: `GET ${info.url} (op): ${detail}`, ...request, ...fields })
    expect(error.toJSON()).toEqual({ name, code, message: error.message, ...request, ...json })
    expect(error.stack).toMatch(new RegExp(`^${name}: GET`))
  })

  test('HttpError fields, the non-enumerable response, and the one-line JSON of ConfigurationError', () => {
    const response = new Response(null, { status: 404 })
    const e = createHttpError({ method: 'GET', url: 'http://x/', status: 404, statusText: 'Not Found', headers: {}, body: { a: 1 }, response })
    expect(e).toBeInstanceOf(NotFoundError)
    expect(e).toMatchObject({
      name: 'NotFoundError',
      code: 'ERR_HTTP_404',
      status: 404,
      statusText: 'Not Found',
      body: { a: 1 },
      attempts: 1,
      bodyExcerpt: undefined,
    })
    expect(e.message).toBe('GET http://x/ failed with HTTP 404 Not Found')
    expect(e.response).toBe(response)
    expect(Object.keys(e)).not.toContain('response')
    expect(JSON.stringify(e)).not.toContain('"body"')
    const c = new ConfigurationError('bad timeout', 'timeout')
    expect(c.toJSON()).toEqual({ name: 'ConfigurationError', code: 'ERR_CONFIGURATION', message: 'bad timeout', option: 'timeout' })
    expect(inspect(c)).toContain('"option":"timeout"')
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
