import { describe, expect, it } from 'vitest'
import { bearer, createHttpCore } from '../../../runtime/index'
import { allFeatures, authFeature, sseFeature, createApiCore, type ApiDef } from '../../../runtime/internal'

const def: ApiDef = {
  name: 'feat',
  servers: [{ url: 'http://api.test' }],
  securitySchemes: { token: { type: 'http', scheme: 'bearer' }, o: { type: 'oauth2', flows: { clientCredentials: { tokenUrl: '/token', scopes: {} } } } },
}
const events = (): Response => new Response('data: hi\n\n', { headers: { 'content-type': 'text/event-stream' } })

describe('runtime features passed to createApiCore / createHttpCore', () => {
  it('parses an event stream only with sseFeature; without it the raw stream comes back', async () => {
    const fetch = async (): Promise<Response> => events()
    const bare = await createHttpCore({ fetch }, {}).get('http://api.test/e')
    expect(bare).toBeInstanceOf(ReadableStream)
    const parsed = (await createHttpCore({ fetch }, sseFeature).get('http://api.test/e')) as AsyncIterable<{ data: string }>
    const seen: string[] = []
    for await (const e of parsed) seen.push(e.data)
    expect(seen).toEqual(['hi'])
  })

  it('needs authFeature for security schemes and oauth2Feature for OAuth2 grants, naming what is missing', async () => {
    const sent: (string | null)[] = []
    const fetch = async (_: RequestInfo | URL, init?: RequestInit): Promise<Response> => {
      sent.push(new Headers(init?.headers).get('authorization'))
      return Response.json({ ok: true })
    }
    const op = { id: 'get', method: 'GET' as const, path: '/x', security: [{ token: [] }], responses: { '200': { contentTypes: ['application/json'] } } }
    const noAuth = createApiCore(def, {})
    noAuth.configure({ fetch, auth: { token: 'abc' } })
    await expect(noAuth.operation(op)()).rejects.toThrow('auth.token: security schemes need authFeature')

    const withAuth = createApiCore(def, authFeature)
    withAuth.configure({ fetch, auth: { token: 'abc' } })
    await expect(withAuth.operation(op)()).resolves.toEqual({ ok: true })
    expect(sent).toEqual(['Bearer abc'])

    const oop = { ...op, security: [{ o: [] }] }
    const noOAuth = createApiCore(def, authFeature)
    noOAuth.configure({ fetch, auth: { o: { clientId: 'id', clientSecret: 's' } } })
    await expect(noOAuth.operation(oop)()).rejects.toThrow('auth.o: OAuth2 grants need oauth2Feature')
    expect(Object.keys(allFeatures).sort()).toEqual(['apiAuth', 'checkAuth', 'credentials', 'forms', 'oauth2', 'scheme', 'sse'])
  })

  it('createHttpCore sends credentials only with authFeature, and says so instead of dropping them', async () => {
    const sent: (string | null)[] = []
    const fetch = async (_: RequestInfo | URL, init?: RequestInit): Promise<Response> => {
      sent.push(new Headers(init?.headers).get('authorization'))
      return Response.json({ ok: true })
    }
    const token = bearer('abc')
    expect(() => createHttpCore({ fetch, baseUrl: 'http://api.test', auth: token }, {})).toThrow(
      expect.objectContaining({ name: 'ConfigurationError', option: 'auth', message: 'createHttpCore: auth needs authFeature (credentials are sent by it)' }),
    )
    const bare = createHttpCore({ fetch, baseUrl: 'http://api.test' }, {})
    await expect(bare.send({ method: 'GET', url: '/x', auth: [token] })).rejects.toThrow('auth needs authFeature')
    expect(sent).toEqual([]) // refused before sending
    await createHttpCore({ fetch, baseUrl: 'http://api.test', auth: token }, authFeature).get('/x')
    expect(sent).toEqual(['Bearer abc'])
  })
})
