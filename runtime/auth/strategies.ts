import { ConfigurationError } from '../errors/configuration-error'
import { HEADER_NAME } from '../http/headers'
import { registerCredentialName, registerCredentialValue } from '../log/redact'
import type { AuthStrategy, TokenProvider } from './types'

/** The token's current value, registered as a secret so no error or log shows it (redact.ts decides). */
export async function resolveToken(token: TokenProvider): Promise<string> {
  const value = typeof token === 'function' ? await token() : token
  registerCredentialValue(value)
  return value
}

/** `Authorization: Bearer <token>`. */
export function bearer(token: TokenProvider): AuthStrategy {
  return { apply: async (req) => void req.headers.set('authorization', `Bearer ${await resolveToken(token)}`) }
}

/** `Authorization: <scheme> <value>` for HTTP schemes we have no helper for. */
export function httpScheme(scheme: string, value: TokenProvider): AuthStrategy {
  return { apply: async (req) => void req.headers.set('authorization', `${scheme} ${await resolveToken(value)}`) }
}

function base64(text: string): string {
  let binary = ''
  for (const byte of new TextEncoder().encode(text)) binary += String.fromCharCode(byte)
  return btoa(binary)
}

/** `Authorization: Basic base64(user:password)` (UTF-8, RFC 7617). */
export function basicHeader(username: string, password: string): string {
  return `Basic ${base64(`${username}:${password}`)}`
}

export function basic(username: string, password: string): AuthStrategy {
  const value = basicHeader(username, password)
  registerCredentialValue(password)
  return { apply: (req) => void req.headers.set('authorization', value) }
}

/**
 * Why an API key cannot go under `name`, or undefined. A header or cookie name must be an RFC 9110
 * token: fetch throws a bare TypeError for any other header name (`x api key`), and a cookie name
 * holding `=` or `;` would write other cookies. A query name is percent-encoded, so any string fits.
 */
export function apiKeyNameProblem(where: 'header' | 'query' | 'cookie', name: string): string | undefined {
  if (where === 'query' || HEADER_NAME.test(name)) return undefined
  return `${where} name ${JSON.stringify(name)} is not valid (it must be an RFC 9110 token: letters, digits and !#$%&'*+-.^_\`|~)`
}

/**
 * An API key in a header, query parameter or cookie, as the document's `apiKey` scheme says.
 * A header or cookie name that cannot be sent is refused here, when the client is set up.
 */
export function apiKey(where: 'header' | 'query' | 'cookie', name: string, key: TokenProvider): AuthStrategy {
  const problem = apiKeyNameProblem(where, name)
  if (problem) throw new ConfigurationError(`auth: apiKey('${where}', ...): ${problem}`, 'auth')
  // A cookie travels in the Cookie header, redacted as a whole already.
  if (where !== 'cookie') registerCredentialName(where, name)
  return {
    async apply(req) {
      const value = await resolveToken(key)
      if (where === 'header') req.headers.set(name, value)
      else if (where === 'query') req.url.searchParams.set(name, value)
      else {
        const cookie = `${name}=${encodeURIComponent(value)}`
        const existing = req.headers.get('cookie')
        req.headers.set('cookie', existing ? `${existing}; ${cookie}` : cookie)
      }
    },
  }
}
