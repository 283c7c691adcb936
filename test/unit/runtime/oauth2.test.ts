import { describe, expect, test } from 'vitest'
import { oauth2 } from '../../../runtime/auth/oauth2'

/** A token endpoint as an injected fetch (the network is not under test here; see the integration tests). */
function tokenEndpoint(answers: (n: number, body: URLSearchParams) => { status?: number; json: unknown }) {
  const calls: { body: URLSearchParams; headers: Record<string, string> }[] = []
  const fetch = (async (_url: string, init: RequestInit) => {
    const body = new URLSearchParams(String(init.body))
    calls.push({ body, headers: init.headers as Record<string, string> })
    const a = answers(calls.length, body)
    return new Response(JSON.stringify(a.json), { status: a.status ?? 200, headers: { 'content-type': 'application/json' } })
  }) as typeof globalThis.fetch
  return { calls, fetch: () => fetch }
}

describe('oauth2 token cache (clock injected)', () => {
  test('client credentials: cached until leeway before expiry, then renewed', async () => {
    let now = 0
    const ep = tokenEndpoint((n) => ({ json: { access_token: `t${n}`, expires_in: 60 } }))
    const s = oauth2(
      { clientId: 'id', clientSecret: 's', leeway: 10_000, clientAuth: 'body' },
      { tokenUrl: 'https://a.x/token', fetch: ep.fetch, now: () => now },
    )
    expect(await s.token()).toBe('t1')
    now = 49_999
    expect(await s.token()).toBe('t1')
    now = 50_000
    expect(await s.token()).toBe('t2')
    expect(ep.calls[0]!.body.toString()).toBe('grant_type=client_credentials&client_id=id&client_secret=s')
  })

  test('refresh token: starts from the given access token, renews with the refresh token, reports new tokens', async () => {
    let now = 0
    const seen: unknown[] = []
    const ep = tokenEndpoint((n, body) => ({ json: { access_token: `new${n}`, refresh_token: `${body.get('refresh_token')}+`, expires_in: 100 } }))
    const s = oauth2(
      { accessToken: 'old', refreshToken: 'r', expiresAt: 1000, leeway: 0, onToken: (t) => seen.push(t) },
      { tokenUrl: 'https://a.x/token', fetch: ep.fetch, now: () => now },
    )
    expect(await s.token()).toBe('old')
    now = 1000
    expect(await s.token()).toBe('new1')
    expect(ep.calls[0]!.body.get('grant_type')).toBe('refresh_token')
    expect(seen).toEqual([{ accessToken: 'new1', refreshToken: 'r+', expiresAt: 101_000 }])
    now = 200_000
    await s.token()
    expect(ep.calls[1]!.body.get('refresh_token')).toBe('r+') // the rotated refresh token is used
  })

  test('refresh() after a 401 renews only for the token that was refused', async () => {
    const ep = tokenEndpoint((n) => ({ json: { access_token: `t${n}` } }))
    const s = oauth2({ clientId: 'id', clientSecret: 's' }, { tokenUrl: 'https://a.x/token', fetch: ep.fetch })
    await s.token()
    await s.refresh!(new Headers({ authorization: 'Bearer t1' }))
    expect(await s.token()).toBe('t2')
    await s.refresh!(new Headers({ authorization: 'Bearer t1' })) // a late 401 for the old token
    expect(await s.token()).toBe('t2')
    expect(ep.calls).toHaveLength(2)
  })

  test('a token endpoint that never answers times out as an AuthError', async () => {
    const hang = ((_url: string, init: RequestInit) =>
      new Promise((_resolve, reject) => init.signal?.addEventListener('abort', () => reject(init.signal?.reason)))) as typeof globalThis.fetch
    const s = oauth2({ clientId: 'id', clientSecret: 's', timeout: 30 }, { tokenUrl: 'https://a.x/token', fetch: () => hang })
    await expect(s.token()).rejects.toThrow(/OAuth2 token endpoint https:\/\/a\.x\/token unreachable/)
  })

  test('a token answer without access_token is an AuthError', async () => {
    const ep = tokenEndpoint(() => ({ json: { error: 'invalid_client' }, status: 401 }))
    const s = oauth2({ clientId: 'id', clientSecret: 's' }, { tokenUrl: 'https://a.x/token?secret=1', fetch: ep.fetch })
    await expect(s.token()).rejects.toThrow(/OAuth2 token endpoint https:\/\/a\.x\/token\?secret=REDACTED answered HTTP 401 \(invalid_client\)/)
  })
})
