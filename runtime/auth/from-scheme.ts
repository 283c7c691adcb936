import type { SecurityRequirement, SecuritySchemeDef } from '../api/types'
import type { oauth2 } from './oauth2'
import { ConfigurationError } from '../errors/configuration-error'
import { registerCredentialName } from '../log/redact'
import { apiKey, apiKeyNameProblem, basic, bearer, httpScheme, resolveToken } from './strategies'
import type { AuthStrategy, Credential, TokenProvider } from './types'

const isStrategy = (c: Credential): c is AuthStrategy => typeof c === 'object' && typeof (c as AuthStrategy).apply === 'function'
const isToken = (c: Credential): c is TokenProvider => typeof c === 'string' || typeof c === 'function'

export interface SchemeEnv {
  /** Resolves a token URL from the document (may be relative to the API's base URL). */
  resolveUrl: (url: string) => string
  fetch: () => typeof globalThis.fetch
  /** The OAuth2 grant factory (`oauth2Feature`); passed in so documents without OAuth2 do not carry it. */
  oauth2?: typeof oauth2
}

/**
 * Refuses, when `configure()` or `createClient()` is called, a credential for an `apiKey` scheme
 * whose header or cookie name cannot be sent: otherwise every call using it would fail with a bare
 * TypeError from fetch. A strategy object given in place of the key places it itself, so it passes.
 */
export function checkSchemeCredentials(
  { securitySchemes }: { securitySchemes?: Record<string, SecuritySchemeDef> | undefined },
  { auth }: { auth?: Partial<Record<string, Credential>> | undefined },
): void {
  if (!securitySchemes || !auth) return
  for (const [name, credential] of Object.entries(auth)) {
    const scheme = securitySchemes[name]
    const problem = credential !== undefined && !isStrategy(credential) && scheme?.type === 'apiKey' && apiKeyNameProblem(scheme.in, scheme.name)
    if (problem) throw new ConfigurationError(`auth.${name}: security scheme "${name}": ${problem}`, `auth.${name}`)
  }
}

/** The strategy that puts `credential` where the document's scheme says. */
export function strategyFor(name: string, scheme: SecuritySchemeDef | undefined, credential: Credential, env: SchemeEnv): AuthStrategy {
  if (isStrategy(credential)) return credential
  const fail = (problem: string): never => {
    throw new ConfigurationError(`auth.${name}: ${problem}`, `auth.${name}`)
  }
  const bad = (): never => fail(`this credential does not fit the ${scheme?.type ?? 'unknown'} scheme`)
  switch (scheme?.type) {
    case 'apiKey':
      if (!isToken(credential)) return bad()
      return scheme.in === 'query' ? queryKey(scheme.name, credential) : apiKey(scheme.in, scheme.name, credential)
    case 'http': {
      const s = scheme.scheme.toLowerCase()
      if (s === 'basic') return typeof credential === 'object' && 'username' in credential ? basic(credential.username, credential.password) : bad()
      if (!isToken(credential)) return bad()
      return s === 'bearer' ? bearer(credential) : httpScheme(scheme.scheme, credential)
    }
    case 'oauth2': {
      if (isToken(credential)) return bearer(credential)
      if ('username' in credential) return bad()
      const flow = scheme.flows.clientCredentials ?? scheme.flows.authorizationCode ?? scheme.flows.password
      const url = ('tokenUrl' in credential && credential.tokenUrl) || ('refreshToken' in credential ? flow?.refreshUrl : undefined) || flow?.tokenUrl
      if (!url) return fail('no token URL in the document; pass tokenUrl')
      if (!env.oauth2) return fail('OAuth2 grants need oauth2Feature')
      return env.oauth2(credential as Parameters<typeof oauth2>[0], { tokenUrl: env.resolveUrl(url), fetch: env.fetch })
    }
    case 'openIdConnect':
      return isToken(credential) ? bearer(credential) : bad()
    default:
      return isToken(credential) ? bearer(credential) : bad()
  }
}

/**
 * An API key appended to the query as it stands. `searchParams.set` would re-serialize the whole
 * query as form data (`%20` → `+`, a literal `,` delimiter → `%2C`), changing what the operation's
 * parameters said.
 */
function queryKey(name: string, key: TokenProvider): AuthStrategy {
  registerCredentialName('query', name)
  return {
    async apply(req) {
      const pair = `${encodeURIComponent(name)}=${encodeURIComponent(await resolveToken(key))}`
      req.url.search = req.url.search.length > 1 ? `${req.url.search}&${pair}` : pair
    },
  }
}

/**
 * The first alternative of the OR list whose every scheme has a credential (a non-empty one wins
 * over `{}`, which means "optional"). Empty when nothing fits: the request goes out without auth.
 */
export function pickRequirement(requirements: readonly SecurityRequirement[] | undefined, has: (scheme: string) => boolean): string[] {
  if (!requirements) return []
  for (const alt of requirements) {
    const names = Object.keys(alt)
    if (names.length > 0 && names.every(has)) return names
  }
  return []
}
