import { describe, expect, test } from 'vitest'
import { followRedirects, RedirectStop } from '../../../runtime/http/redirect'

/** Responses served in order; records what each hop sent. */
function chain(...locations: string[]) {
  const sent: { url: string; method: string; headers: Record<string, string> }[] = []
  const exchange = async (url: string, method: string, headers: Headers): Promise<Response> => {
    sent.push({ url, method, headers: Object.fromEntries(headers) })
    const next = locations[sent.length]
    return next === undefined ? new Response('ok') : new Response(null, { status: 302, headers: { location: next } })
  }
  const first = new Response(null, { status: 302, headers: { location: locations[0]! } })
  return { sent, exchange, first }
}

describe('followRedirects (pure, with a scripted exchange)', () => {
  test('https: to http: on the same host is an origin change: credentials go, other headers stay', async () => {
    const { sent, exchange, first } = chain('http://api.example.test/plain')
    const headers = new Headers({ authorization: 'Bearer t', 'x-key': 'k', 'x-trace': '1' })
    await followRedirects(first, 'https://api.example.test/a', 'GET', headers, undefined, exchange, new Headers({ 'x-trace': '1', 'x-key': 'k' }), ['x-key'])
    expect(sent).toEqual([{ url: 'http://api.example.test/plain', method: 'GET', headers: { 'x-trace': '1' } }])
  })

  test('once the chain left the origin, coming back does not restore the credentials', async () => {
    const { sent, exchange, first } = chain('https://other.test/x', 'https://api.example.test/back')
    await followRedirects(first, 'https://api.example.test/a', 'GET', new Headers({ authorization: 'Bearer t' }), undefined, exchange, new Headers())
    expect(sent.map((s) => s.headers.authorization)).toEqual([undefined, undefined])
  })

  test('a non-HTTP scheme stops the chain with the Location as sent', async () => {
    const { exchange, first } = chain('ftp://files.test/x')
    const stop = await followRedirects(first, 'https://api.example.test/a', 'GET', new Headers(), undefined, exchange).catch((e: unknown) => e)
    expect(stop).toBeInstanceOf(RedirectStop)
    expect(stop).toMatchObject({ redirects: 0, location: 'ftp://files.test/x' })
  })
})
