import { describe, expect, it } from 'vitest'
import { encodeBody } from '../../runtime/api/body'
import { buildRequest } from '../../runtime/api/build-request'
import { serializeQuery } from '../../runtime/api/params'
import { serverUrl } from '../../runtime/api/server-url'
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
    const op = (style: 'matrix' | 'simple') => ({ id: 'x', method: 'GET' as const, path: '/{c}', params: [{ name: 'c', in: 'path' as const, style, required: true }] })
    expect(buildRequest(op('matrix'), { path: { c: '' } }).path).toBe('/;c')
    expect(() => buildRequest(op('simple'), { path: { c: '' } })).toThrow(/missing required path parameter "c"/)
  })

  it('a header parameter outside Latin-1 is refused naming it', () => {
    const op = { id: 'x', method: 'GET' as const, path: '/', params: [{ name: 'X-Note', in: 'header' as const }] }
    expect(() => buildRequest(op, { header: { 'X-Note': '€' } })).toThrow(expect.objectContaining({ code: 'ERR_HEADER_VALUE', message: expect.stringContaining('"X-Note"') }))
    expect(buildRequest(op, { header: { 'X-Note': 'ü' } }).headers['X-Note']).toBe('ü')
  })

  it('a server variable outside its enum is refused; allowed values and defaults fill in', () => {
    const server = { url: 'https://{env}.example.com', variables: { env: { default: 'api', enum: ['api', 'beta'] } } }
    expect(serverUrl(server)).toBe('https://api.example.com')
    expect(serverUrl(server, { env: 'beta' })).toBe('https://beta.example.com')
    expect(() => serverUrl(server, { env: 'prod' })).toThrow(expect.objectContaining({ code: 'ERR_SERVER_VARIABLE', message: expect.stringContaining('"env" is "prod", not one of api, beta') }))
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
    const form = encodeBody({ contentTypes: ['application/x-www-form-urlencoded'], encoding: { 'application/x-www-form-urlencoded': { ids: { explode: false } } } }, { ids: ['1', 'a,b'], n: 'x y' }, undefined, 'here')
    expect(form.body).toBe('ids=1,a%2Cb&n=x+y')
    const multipart = encodeBody({ contentTypes: ['multipart/form-data'], encoding: { 'multipart/form-data': { file: { contentType: 'image/png' } } } }, { file: new Blob(['x']), typed: new Blob(['y'], { type: 'text/plain' }) }, undefined, 'here')
    const data = multipart.body as FormData
    expect((data.get('file') as Blob).type).toBe('image/png')
    expect((data.get('typed') as Blob).type).toBe('text/plain')
  })
})
