import { describe, expect, test } from 'vitest'
import { AuthError, bearer, createHttpClient, UnauthorizedError } from '../../../runtime/index'
import { createApi, type ApiDef } from '../../../runtime/internal'
import { json, serversClosedAfterEach, type TestServer } from '../../helpers/http-server'

const serve = serversClosedAfterEach()
const echo = (): Promise<TestServer> => serve((req, res) => json(res, 200, { ok: true, url: req.url }))

const schemes: ApiDef['securitySchemes'] = {
  headerKey: { type: 'apiKey', in: 'header', name: 'X-API-Key' },
  queryKey: { type: 'apiKey', in: 'query', name: 'api_key' },
  cookieKey: { type: 'apiKey', in: 'cookie', name: 'session' },
  basicAuth: { type: 'http', scheme: 'basic' },
  bearerAuth: { type: 'http', scheme: 'bearer' },
  oidc: { type: 'openIdConnect', openIdConnectUrl: 'https://example.invalid/.well-known/openid-configuration' },
  oauth: { type: 'oauth2', flows: { clientCredentials: { tokenUrl: '/token', scopes: {} } } },
}

describe('security schemes from the document', () => {
  test('apiKey in header, query and cookie; AND requirements apply every scheme', async () => {
    const s = await echo()
    const api = createApi({ name: 't', servers: [{ url: s.url }], securitySchemes: schemes, security: [{ headerKey: [], queryKey: [], cookieKey: [] }] })
    const op = api.operation({ id: 'op', method: 'GET', path: '/a' })
    api.configure({ auth: { headerKey: 'h-secret', queryKey: 'q-secret', cookieKey: 'c secret' } })
    await op()
    const r = s.requests[0]!
    expect(r.headers['x-api-key']).toBe('h-secret')
    expect(r.url).toBe('/a?api_key=q-secret')
    expect(r.headers.cookie).toBe('session=c%20secret')
  })

  test('OR requirements pick the first alternative with credentials; security: [] sends none', async () => {
    const s = await echo()
    const api = createApi({ name: 't', servers: [{ url: s.url }], securitySchemes: schemes, security: [{ bearerAuth: [] }, { basicAuth: [] }] })
    const op = api.operation({ id: 'op', method: 'GET', path: '/a' })
    const open = api.operation({ id: 'open', method: 'GET', path: '/open', security: [] })
    api.configure({ auth: { basicAuth: { username: 'zoë', password: 'p:w' } } })
    await op()
    await open()
    expect(s.requests[0]!.headers.authorization).toBe(`Basic ${Buffer.from('zoë:p:w').toString('base64')}`)
    expect(s.requests[1]!.headers.authorization).toBeUndefined()
  })

  test('a bearer provider function is evaluated on every attempt; openIdConnect takes a bearer token', async () => {
    const s = await serve((_req, res, n) => (n === 1 ? res.writeHead(503).end() : json(res, 200, {})))
    let calls = 0
    const api = createApi({ name: 't', servers: [{ url: s.url }], securitySchemes: schemes, security: [{ bearerAuth: [] }] })
    const op = api.operation({ id: 'op', method: 'GET', path: '/a' })
    const oidcOp = api.operation({ id: 'o', method: 'GET', path: '/o', security: [{ oidc: [] }] })
    api.configure({ auth: { bearerAuth: async () => `t${++calls}`, oidc: 'id-token' }, retry: { baseDelay: 1, budget: false } })
    await op()
    await oidcOp()
    expect(s.requests.map((r) => r.headers.authorization)).toEqual(['Bearer t1', 'Bearer t2', 'Bearer id-token'])
  })
})

describe('OAuth2', () => {
  test('client credentials: one token request shared by concurrent calls, cached afterwards', async () => {
    let tokens = 0
    const s = await serve(async (req, res) => {
      if (req.url === '/token') {
        tokens++
        await new Promise((r) => setTimeout(r, 30))
        expect(req.body).toBe('grant_type=client_credentials&scope=read+write')
        expect(req.headers.authorization).toBe(`Basic ${Buffer.from('id:secret').toString('base64')}`)
        return json(res, 200, { access_token: `tok${tokens}`, expires_in: 3600, token_type: 'bearer' })
      }
      json(res, 200, { auth: req.headers.authorization })
    })
    const api = createApi({ name: 't', servers: [{ url: `${s.url}/v1` }], securitySchemes: schemes, security: [{ oauth: [] }] })
    const op = api.operation({ id: 'op', method: 'GET', path: '/a' })
    api.configure({ auth: { oauth: { clientId: 'id', clientSecret: 'secret', scopes: ['read', 'write'], tokenUrl: `${s.url}/token` } } })
    const results = await Promise.all(Array.from({ length: 10 }, () => op()))
    await op()
    expect(tokens).toBe(1)
    expect(results.every((r) => (r as { auth: string }).auth === 'Bearer tok1')).toBe(true)
  })

  test('early 401: refresh once (single flight for concurrent callers) and replay once', async () => {
    let tokens = 0
    const s = await serve(async (req, res) => {
      if (req.url === '/token') {
        tokens++
        await new Promise((r) => setTimeout(r, 20))
        return json(res, 200, { access_token: `tok${tokens}`, expires_in: 3600 })
      }
      if (req.headers.authorization === 'Bearer tok1') return json(res, 401, { error: 'expired' })
      json(res, 200, { auth: req.headers.authorization })
    })
    const api = createApi({ name: 't', servers: [{ url: s.url }], securitySchemes: schemes, security: [{ oauth: [] }] })
    const op = api.operation({ id: 'op', method: 'GET', path: '/a' })
    api.configure({ auth: { oauth: { clientId: 'id', clientSecret: 'secret' } } }) // token URL '/token' from the document
    const results = await Promise.all(Array.from({ length: 5 }, () => op()))
    expect(results).toEqual(Array.from({ length: 5 }, () => ({ auth: 'Bearer tok2' })))
    expect(tokens).toBe(2)
  })

  test('a server that always answers 401 gets one replay, never a loop', async () => {
    let tokens = 0
    const s = await serve((req, res) => {
      if (req.url === '/token') return json(res, 200, { access_token: `tok${++tokens}` })
      json(res, 401, { error: 'no' })
    })
    const api = createApi({ name: 't', servers: [{ url: s.url }], securitySchemes: schemes, security: [{ oauth: [] }] })
    const op = api.operation({ id: 'op', method: 'GET', path: '/a' })
    api.configure({ auth: { oauth: { clientId: 'id', clientSecret: 'secret' } } })
    const error = await op().catch((e: unknown) => e)
    expect(error).toBeInstanceOf(UnauthorizedError)
    expect(s.requests.filter((r) => r.url === '/a')).toHaveLength(2)
    expect(tokens).toBe(2)
  })

  test('refresh-token grant and a failing token endpoint surface as AuthError without the secret', async () => {
    const s = await serve((req, res) => {
      if (req.url === '/token') return json(res, 400, { error: 'invalid_grant' })
      json(res, 200, {})
    })
    const api = createApi({ name: 't', servers: [{ url: s.url }], securitySchemes: schemes, security: [{ oauth: [] }] })
    const op = api.operation({ id: 'op', method: 'GET', path: '/a' })
    api.configure({ auth: { oauth: { refreshToken: 'rt-secret', clientId: 'id' } } })
    const error = (await op().catch((e: unknown) => e)) as AuthError
    expect(error).toBeInstanceOf(AuthError)
    expect(error.message).toContain('invalid_grant')
    expect(error.message).not.toContain('rt-secret')
    expect(s.requests[0]!.body).toBe('grant_type=refresh_token&refresh_token=rt-secret&client_id=id')
  })
})

test('a token endpoint failing during the 401 refresh is an AuthError, not a connection error', async () => {
  let tokens = 0
  const s = await serve((req, res) => {
    if (req.url === '/token') return ++tokens === 1 ? json(res, 200, { access_token: 'old' }) : json(res, 503, { error: 'temporarily_unavailable' })
    json(res, 401, {})
  })
  const api = createApi({ name: 't', servers: [{ url: s.url }], securitySchemes: schemes, security: [{ oauth: [] }] })
  const op = api.operation({ id: 'op', method: 'GET', path: '/a' })
  api.configure({ auth: { oauth: { clientId: 'id', clientSecret: 'secret' } } })
  const error = (await op().catch((e: unknown) => e)) as AuthError
  expect(error).toBeInstanceOf(AuthError)
  expect(error.status).toBe(503)
  expect(s.requests.filter((r) => r.url === '/a')).toHaveLength(1)
})

describe('credentials are bound to the API origins', () => {
  test('hand-set credentials (Cookie, Authorization, the API-key header of the document, URL userinfo) do not follow a cross-origin redirect', async () => {
    const other = await echo()
    const home = await serve((_req, res) => res.writeHead(301, { location: `${other.url}/landed` }).end())
    const api = createApi({ name: 't', servers: [{ url: home.url }], securitySchemes: schemes })
    const go = api.operation({ id: 'go', method: 'GET', path: '/go' })
    // Credentials put in headers by hand instead of `auth`: fetch itself strips only the standard ones.
    api.configure({ headers: { cookie: 'sid=hand-set', authorization: 'Token hand-set', 'X-API-Key': 'hand-set', 'x-trace': 'keep' } })
    await go()
    await createHttpClient().get(`${home.url.replace('http://', 'http://user:pw@')}/go`)
    const [first, second] = other.requests
    expect(first!.headers.cookie).toBeUndefined()
    expect(first!.headers.authorization).toBeUndefined()
    expect(first!.headers['x-api-key']).toBeUndefined()
    expect(first!.headers['x-trace']).toBe('keep')
    expect(second!.headers.authorization).toBeUndefined()
  })

  test('an absolute URL to another origin gets no credentials', async () => {
    const home = await echo()
    const other = await echo()
    const client = createHttpClient({ baseUrl: home.url, auth: bearer('secret') })
    await client.get('/mine')
    await client.get(`${other.url}/theirs`)
    expect(home.requests[0]!.headers.authorization).toBe('Bearer secret')
    expect(other.requests[0]!.headers.authorization).toBeUndefined()
  })

  test('a redirect to another origin drops Authorization, Cookie and API-key headers; same origin keeps them', async () => {
    const other = await echo()
    const home = await serve((req, res) => {
      if (req.url === '/away') return res.writeHead(302, { location: `${other.url}/landed` }).end()
      if (req.url === '/near') return res.writeHead(307, { location: '/here' }).end()
      json(res, 200, { auth: req.headers.authorization ?? null })
    })
    const api = createApi({ name: 't', servers: [{ url: home.url }], securitySchemes: schemes, security: [{ bearerAuth: [], headerKey: [] }] })
    const away = api.operation({ id: 'away', method: 'GET', path: '/away' })
    const near = api.operation({ id: 'near', method: 'GET', path: '/near' })
    api.configure({ auth: { bearerAuth: 'secret', headerKey: 'k' }, headers: { cookie: 'sid=1' } })
    await away()
    expect(await near()).toEqual({ auth: 'Bearer secret' })
    const landed = other.requests[0]!
    expect(landed.url).toBe('/landed')
    expect(landed.headers.authorization).toBeUndefined()
    expect(landed.headers['x-api-key']).toBeUndefined()
    expect(landed.headers.cookie).toBeUndefined()
  })
})
