import { AuthError } from '../errors/auth-error'
import { redactUrl, registerCredentialValue } from '../log/redact'
import type { AuthStrategy, OAuth2ClientCredentials, OAuth2RefreshToken } from './types'

interface Token {
  accessToken: string
  refreshToken?: string | undefined
  expiresAt?: number | undefined
}

export interface OAuth2Env {
  /** Resolved token endpoint. */
  tokenUrl: string
  fetch: () => typeof globalThis.fetch
  now?: () => number
}

type Grant = OAuth2ClientCredentials | OAuth2RefreshToken

/**
 * OAuth2 bearer tokens from client credentials or a refresh token: cached until `leeway` before
 * expiry, one refresh in flight shared by every concurrent request, and `refresh()` (after a 401)
 * forgets the token so the replay gets a new one.
 */
export function oauth2(grant: Grant, env: OAuth2Env): AuthStrategy & { token(): Promise<string> } {
  const now = env.now ?? Date.now
  const leeway = grant.leeway ?? 30_000
  let current: Token | undefined =
    'refreshToken' in grant && grant.accessToken ? { accessToken: grant.accessToken, refreshToken: grant.refreshToken, expiresAt: grant.expiresAt } : undefined
  let refreshToken = 'refreshToken' in grant ? grant.refreshToken : undefined
  let inFlight: Promise<Token> | undefined

  const fresh = (t: Token | undefined): t is Token => !!t && (t.expiresAt === undefined || now() < t.expiresAt - leeway)

  async function requestToken(): Promise<Token> {
    const body = new URLSearchParams()
    const headers: Record<string, string> = { 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' }
    if (!('refreshToken' in grant)) {
      body.set('grant_type', 'client_credentials')
      if (grant.scopes?.length) body.set('scope', grant.scopes.join(' '))
    } else {
      body.set('grant_type', 'refresh_token')
      body.set('refresh_token', refreshToken ?? '')
    }
    const { clientId, clientSecret } = grant as { clientId?: string; clientSecret?: string }
    if (clientId !== undefined) {
      if ((grant as OAuth2ClientCredentials).clientAuth === 'body' || clientSecret === undefined) {
        body.set('client_id', clientId)
        if (clientSecret !== undefined) body.set('client_secret', clientSecret)
      } else {
        headers.authorization = `Basic ${btoa(`${encodeURIComponent(clientId)}:${encodeURIComponent(clientSecret)}`)}`
      }
    }
    const where = `token endpoint ${redactUrl(env.tokenUrl)}`
    let response: Response
    try {
      // The token request has no retry loop of its own, but it must not hang the calls waiting on it.
      const signal = typeof AbortSignal.timeout === 'function' ? AbortSignal.timeout(grant.timeout ?? 30_000) : undefined
      response = await env.fetch()(env.tokenUrl, { method: 'POST', headers, body: body.toString(), signal })
    } catch (cause) {
      throw new AuthError(`OAuth2 ${where} unreachable`, { cause })
    }
    let json: Record<string, unknown> | undefined
    try {
      json = (await response.json()) as Record<string, unknown>
    } catch {
      json = undefined
    }
    if (!response.ok || typeof json?.access_token !== 'string') {
      const code = typeof json?.error === 'string' ? ` (${json.error})` : ''
      throw new AuthError(`OAuth2 ${where} answered HTTP ${response.status}${code}`, { status: response.status })
    }
    const expiresIn = Number(json.expires_in)
    const token: Token = {
      accessToken: json.access_token,
      refreshToken: typeof json.refresh_token === 'string' ? json.refresh_token : refreshToken,
      expiresAt: Number.isFinite(expiresIn) && expiresIn > 0 ? now() + expiresIn * 1000 : undefined,
    }
    refreshToken = token.refreshToken
    if ('onToken' in grant && grant.onToken) grant.onToken({ ...token } as Parameters<NonNullable<OAuth2RefreshToken['onToken']>>[0])
    return token
  }

  function renew(): Promise<Token> {
    inFlight ??= requestToken().finally(() => {
      inFlight = undefined
    })
    return inFlight.then((t) => (current = t))
  }

  async function token(): Promise<string> {
    return (fresh(current) ? current : await renew()).accessToken
  }

  return {
    token,
    async apply(req) {
      const value = await token()
      registerCredentialValue(value)
      req.headers.set('authorization', `Bearer ${value}`)
    },
    async refresh(sent) {
      // Only a 401 for the token we still hold renews it; later 401s for the same old token join
      // the refresh in flight or find the new token already there.
      if (inFlight) await inFlight
      else if (!current || sent?.get('authorization') === `Bearer ${current.accessToken}`) await renew()
      return true
    },
  }
}
