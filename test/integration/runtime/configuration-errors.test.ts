import { describe, expect, test } from 'vitest'
import {
  apiKey,
  ConfigurationError,
  createHttpClient,
  createNetworkManager,
  createWebSocketCore,
  NetworkingError,
  type HttpClientOptions,
} from '../../../runtime/index'
import { authFeature, createApi, createApiClient, createApiCore, type ApiDef } from '../../../runtime/internal'
import { json, serversClosedAfterEach } from '../../helpers/http-server'

const serve = serversClosedAfterEach()

function thrown(fn: () => unknown): unknown {
  try {
    fn()
  } catch (e) {
    return e
  }
  return undefined
}

function expectConfigurationError(error: unknown, option: string): void {
  expect(error).toBeInstanceOf(ConfigurationError)
  expect(error).toBeInstanceOf(NetworkingError)
  expect((error as ConfigurationError).code).toBe('ERR_CONFIGURATION')
  expect((error as ConfigurationError).option).toBe(option)
  expect((error as Error).message).toContain(option)
}

describe('configuration mistakes are ConfigurationError, at configuration time', () => {
  const bad: [string, string, Record<string, unknown>][] = [
    ['an absolute baseUrl that does not parse', 'baseUrl', { baseUrl: 'http://' }],
    ['a baseUrl that is not a string', 'baseUrl', { baseUrl: 42 }],
    ['a timeout given as a string', 'timeout', { timeout: '1000' }],
    ['a negative deadline', 'deadline', { deadline: -1 }],
    ['maxBodyBytes NaN', 'maxBodyBytes', { maxBodyBytes: Number.NaN }],
    ['a fetch that is not a function', 'fetch', { fetch: 'fetch' }],
    ['a signal that is not an AbortSignal', 'signal', { signal: {} }],
    ['retry as a string', 'retry', { retry: 'yes' }],
    ['a hook that is not a function', 'hooks', { hooks: { onRequest: 5 } }],
    ['an auth strategy without apply', 'auth', { auth: { token: 'x' } }],
    ['headers as a string', 'headers', { headers: 'x-a: 1' }],
  ]
  test.each(bad)('createHttpClient: %s', async (_name, option, options) => {
    const s = await serve((_req, res) => json(res, 200, {}))
    expectConfigurationError(
      thrown(() => createHttpClient({ ...(option === 'baseUrl' ? {} : { baseUrl: s.url }), ...options } as HttpClientOptions)),
      option,
    )
    expect(s.requests).toHaveLength(0)
  })

  test('a message names the value without revealing credentials in it', () => {
    const error = thrown(() => createHttpClient({ baseUrl: 'http://user:hunter2@[::1' }))
    expectConfigurationError(error, 'baseUrl')
    expect(String(error)).not.toContain('hunter2')
  })

  const def: ApiDef = {
    name: 't',
    servers: [{ url: 'http://127.0.0.1:1' }],
    securitySchemes: { basicAuth: { type: 'http', scheme: 'basic' }, oauth: { type: 'oauth2', flows: { clientCredentials: { tokenUrl: '', scopes: {} } } } },
    security: [{ basicAuth: [] }],
  }

  test('createApi: configure() refuses a bad baseUrl or option at once', () => {
    const api = createApi(def)
    expectConfigurationError(
      thrown(() => api.configure({ baseUrl: 'https://' })),
      'baseUrl',
    )
    expectConfigurationError(
      thrown(() => api.configure({ timeout: -5 })),
      'timeout',
    )
    expectConfigurationError(
      thrown(() => api.createClient({ fetch: 1 as unknown as typeof fetch }, {})),
      'fetch',
    )
  })

  test('.safe() returns a ConfigurationError (a NetworkingError with a code) for a credential that does not fit, a missing feature or token URL; nothing is sent', async () => {
    const s = await serve((_req, res) => json(res, 200, {}))
    const api = createApi({ ...def, servers: [{ url: s.url }] })
    const op = api.operation({ id: 'op', method: 'GET', path: '/a' })
    const oauthOp = api.operation({ id: 'o', method: 'GET', path: '/o', security: [{ oauth: [] }] })
    api.configure({ auth: { basicAuth: 'not-a-user-and-password', oauth: { clientId: 'id', clientSecret: 'secret' } } })
    const { error } = await op.safe()
    expectConfigurationError(error, 'auth.basicAuth')
    const missingUrl = await oauthOp.safe()
    expectConfigurationError(missingUrl.error, 'auth.oauth')

    const core = createApiCore({ ...def, servers: [{ url: s.url }] })
    const coreOp = core.operation({ id: 'op', method: 'GET', path: '/a' })
    core.configure({ auth: { basicAuth: { username: 'u', password: 'p' } } })
    expectConfigurationError((await coreOp.safe()).error, 'auth.basicAuth')
    expect(s.requests).toHaveLength(0)
  })

  test.each([
    ['header', 'x api key'],
    ['header', 'x-key\u00e9'],
    ['cookie', 'session; admin=1'],
    ['cookie', 'a=b'],
  ] as const)('apiKey(%j, %j): refused when the strategy is made, naming the name; no TypeError from fetch later', (where, name) => {
    const error = thrown(() => apiKey(where, name, 'secret-key'))
    expectConfigurationError(error, 'auth')
    expect((error as Error).message).toContain(`${where} name ${JSON.stringify(name)} is not valid`)
    expect(String(error)).not.toContain('secret-key')
  })

  test('apiKey: a valid header or cookie name, and any query name, is accepted and sent', async () => {
    const s = await serve((_req, res) => json(res, 200, {}))
    const client = createHttpClient({
      baseUrl: s.url,
      auth: [apiKey('header', "x-api_key.v2!#$%&'*+^`|~", 'h'), apiKey('cookie', 'sid', 'c'), apiKey('query', 'a key', 'q')],
    })
    await client.get('/p')
    expect(s.requests[0]!.headers["x-api_key.v2!#$%&'*+^`|~"]).toBe('h')
    expect(s.requests[0]!.headers.cookie).toBe('sid=c')
    expect(s.requests[0]!.url).toBe('/p?a+key=q')
  })

  const badKeyDef: ApiDef = {
    name: 'k',
    servers: [{ url: 'http://127.0.0.1:1' }],
    securitySchemes: { key: { type: 'apiKey', in: 'header', name: 'X Api Key' }, jar: { type: 'apiKey', in: 'cookie', name: 'a;b' } },
    security: [{ key: [] }],
  }

  test.each(['configure', 'createClient'] as const)(
    'an apiKey scheme whose header or cookie name is invalid: %s() refuses its credential, naming the scheme and the name',
    async (method) => {
      const s = await serve((_req, res) => json(res, 200, {}))
      for (const [scheme, name] of [
        ['key', 'header name "X Api Key"'],
        ['jar', 'cookie name "a;b"'],
      ] as const) {
        const api = createApiCore({ ...badKeyDef, servers: [{ url: s.url }] }, authFeature)
        const call = () =>
          method === 'configure' ? api.configure({ auth: { [scheme]: 'k-secret' } }) : createApiClient(api, { auth: { [scheme]: 'k-secret' } }, {})
        const error = thrown(call)
        expectConfigurationError(error, `auth.${scheme}`)
        expect((error as Error).message).toContain(`security scheme "${scheme}": ${name} is not valid`)
        expect(String(error)).not.toContain('k-secret')
      }
      expect(s.requests).toHaveLength(0)
    },
  )

  test('an apiKey scheme with an invalid name: a strategy object in its place is accepted; without a credential the call goes out', async () => {
    const s = await serve((_req, res) => json(res, 200, {}))
    const api = createApi({ ...badKeyDef, servers: [{ url: s.url }] })
    const op = api.operation({ id: 'op', method: 'GET', path: '/a' })
    api.configure({ auth: { key: { apply: (req) => void req.headers.set('x-api-key', 'mine') } } })
    await op()
    expect(s.requests[0]!.headers['x-api-key']).toBe('mine')
    const bare = createApi({ ...badKeyDef, servers: [{ url: s.url }] }).operation({ id: 'op', method: 'GET', path: '/a' })
    await bare()
    expect(s.requests).toHaveLength(2)
  })

  test('createNetworkManager: an origins key that is not a URL', () => {
    expectConfigurationError(
      thrown(() => createNetworkManager({ clients: {}, origins: { 'api.example.com': { maxConcurrent: 1 } } })),
      'origins',
    )
  })

  test('createWebSocketCore: an option whose feature was not passed in', () => {
    expectConfigurationError(
      thrown(() => createWebSocketCore('ws://127.0.0.1:1', { reconnect: true }, {})),
      'reconnect',
    )
  })
})
