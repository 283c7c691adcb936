import { describe, expect, it } from 'vitest'
import { encodeBody } from '../../runtime/api/body'
import { formsFeature } from '../../runtime/http/features'
import { buildRequest } from '../../runtime/api/build-request'
import { serializeQuery } from '../../runtime/api/params'
import { pickServer, serverUrl } from '../../runtime/api/server-url'
import { createApi } from '../../runtime/api/create-api'
import { allParts } from '../../runtime/api/parts'
import { createHttpClient } from '../../runtime/http/client'
import { strategyFor } from '../../runtime/auth/from-scheme'

/**
 * The conformance suite runs generated clients on the built package (dist/); these are the same
 * fixes checked on the runtime sources, so coverage sees them.
 */
describe('conformance fixes on the runtime sources', () => {
  it('query delimiters stay literal, items are encoded one by one; objects use the style delimiter', () => {
    expect(serializeQuery([{ name: 'c', in: 'query', style: 'form', explode: false }], { c: ['a,b', 'c'] })).toBe('c=a%2Cb,c')
    expect(serializeQuery([{ name: 'c', in: 'query', style: 'pipeDelimited', explode: false }], { c: { R: 1, G: 2 } })).toBe('c=R%7C1%7CG%7C2')
  })

  it('an empty matrix or label path value is sent; an empty simple one is refused', () => {
    const op = (style: 'matrix' | 'simple') => ({
      id: 'x',
      method: 'GET' as const,
      path: '/{c}',
      params: [{ name: 'c', in: 'path' as const, style, required: true }],
    })
    expect(buildRequest(op('matrix'), { path: { c: '' } }, {}, allParts).path).toBe('/;c')
    expect(() => buildRequest(op('simple'), { path: { c: '' } }, {}, allParts)).toThrow(/missing required path parameter "c"/)
  })

  it('a header parameter outside Latin-1 is refused naming it', () => {
    const op = { id: 'x', method: 'GET' as const, path: '/', params: [{ name: 'X-Note', in: 'header' as const }] }
    expect(() => buildRequest(op, { header: { 'X-Note': '€' } }, {}, allParts)).toThrow(
      expect.objectContaining({ code: 'ERR_HEADER_VALUE', message: expect.stringContaining('"X-Note"') }),
    )
    expect(buildRequest(op, { header: { 'X-Note': 'ü' } }, {}, allParts).headers['X-Note']).toBe('ü')
  })

  it('a server variable outside its enum is refused; allowed values and defaults fill in', () => {
    const server = { url: 'https://{env}.example.com', variables: { env: { default: 'api', enum: ['api', 'beta'] } } }
    expect(serverUrl(server, undefined, undefined, allParts)).toBe('https://api.example.com')
    expect(serverUrl(server, { env: 'beta' }, undefined, allParts)).toBe('https://beta.example.com')
    expect(() => serverUrl(server, { env: 'prod' }, undefined, allParts)).toThrow(
      expect.objectContaining({ code: 'ERR_SERVER_VARIABLE', message: expect.stringContaining('"env" is "prod", not one of api, beta') }),
    )
  })

  it('servers: chosen by index or description, never a fallback; an unparsable one refused only when used', async () => {
    const servers = [{ url: 'https://a.test' }, { url: 'https://b.test', description: 'B' }]
    expect(pickServer(servers, undefined, 'w')).toBe(servers[0])
    expect(pickServer(servers, 1, 'w')).toBe(servers[1])
    expect(pickServer(servers, 'B', 'w')).toBe(servers[1])
    expect(pickServer(undefined, undefined, 'w')).toBeUndefined()
    expect(() => pickServer(servers, 'C', 'GET /x (x)')).toThrow(
      expect.objectContaining({
        code: 'ERR_SERVER',
        message: 'GET /x (x): no server "C" (index or description) among this operation\'s 2; pass baseUrl instead',
      }),
    )
    expect(() => pickServer(undefined, 0, 'w')).toThrow(/no server 0 \(index or description\) among this operation's 0/)
    expect(() => serverUrl({ url: 'https://' }, undefined, 'w', allParts)).toThrow(expect.objectContaining({ code: 'ERR_SERVER_URL' }))
    expect(serverUrl({ url: 'https://' }, undefined, undefined, allParts)).toBe('https://')
    expect(serverUrl({ url: '/v1' }, undefined, 'w', allParts)).toBe('/v1')

    const seen: string[] = []
    const fetch = async (input: RequestInfo | URL) => (seen.push(String(input instanceof Request ? input.url : input)), new Response(null, { status: 204 }))
    const api = createApi({ name: 't', servers: [{ url: 'http://one.test' }, { url: 'http://two.test', description: 'Two' }] })
    const ok = api.operation({ id: 'ok', method: 'GET', path: '/ok' })
    const bad = api.operation({ id: 'bad', method: 'GET', path: '/bad', servers: [{ url: 'https://' }] })
    const tree = api.createClient({ fetch, server: 'Two', retry: false }, { ok, bad })
    await tree.ok()
    await expect(tree.bad()).rejects.toMatchObject({ code: 'ERR_SERVER', name: 'RequestError' })
    await expect(api.createClient({ fetch, retry: false }, { bad }).bad()).rejects.toMatchObject({ code: 'ERR_SERVER_URL' })
    await api.createClient({ fetch, baseUrl: 'http://base.test', retry: false }, { bad }).bad()
    expect(seen).toEqual(['http://two.test/ok', 'http://base.test/bad'])
  })

  it('header names that are no RFC 9110 token are refused naming them, never a raw TypeError', async () => {
    const op = { id: 'h', method: 'GET' as const, path: '/', params: [{ name: 'bad name', in: 'header' as const }] }
    expect(() => buildRequest(op, { header: { 'bad name': 'x' } }, {}, allParts)).toThrow(
      expect.objectContaining({
        code: 'ERR_HEADER_NAME',
        message: 'GET / (h): header parameter "bad name" is not a valid HTTP header name, so it cannot be sent',
      }),
    )
    expect(buildRequest(op, {}, {}, allParts).headers).toEqual({})
    const client = createHttpClient({ fetch: async () => new Response(null, { status: 204 }), retry: false })
    await expect(client.get('http://x.test/', { headers: { 'x:y': '1' } })).rejects.toMatchObject({
      name: 'RequestError',
      code: 'ERR_HEADER_NAME',
      message: 'GET http://x.test/: "x:y" is not a valid HTTP header name',
    })
  })

  it('a query apiKey is appended without re-serializing the query', async () => {
    const env = { resolveUrl: (u: string) => u, fetch: () => globalThis.fetch }
    const strategy = strategyFor('k', { type: 'apiKey', in: 'query', name: 'api_key' }, 'a b&', env)
    for (const [before, after] of [
      ['https://x.test/p?q=a%20b&ids=x,y%2Cz', 'https://x.test/p?q=a%20b&ids=x,y%2Cz&api_key=a%20b%26'],
      ['https://x.test/p', 'https://x.test/p?api_key=a%20b%26'],
    ] as const) {
      const url = new URL(before)
      await strategy.apply({ url, headers: new Headers() })
      expect(url.href).toBe(after)
    }
  })

  it('form bodies keep delimiters literal; an untyped multipart Blob takes encoding.contentType', async () => {
    const form = encodeBody(
      { contentTypes: ['application/x-www-form-urlencoded'], encoding: { 'application/x-www-form-urlencoded': { ids: { explode: false } } } },
      { ids: ['1', 'a,b'], n: 'x y' },
      undefined,
      'here',
      formsFeature.forms,
    )
    expect(form.body).toBe('ids=1,a%2Cb&n=x+y')
    const multipart = encodeBody(
      { contentTypes: ['multipart/form-data'], encoding: { 'multipart/form-data': { file: { contentType: 'image/png' } } } },
      { file: new Blob(['x']), typed: new Blob(['y'], { type: 'text/plain' }) },
      undefined,
      'here',
      formsFeature.forms,
    )
    const data = multipart.body as FormData
    expect((data.get('file') as Blob).type).toBe('image/png')
    expect((data.get('typed') as Blob).type).toBe('text/plain')
  })
})
