import { apiKey, basic, bearer, createHttpClient, httpScheme, oauth2, type AuthStrategy } from '@codomyrmex/networking/runtime'
import petstore from 'virtual:api/petstore'

export async function main(baseUrl: string) {
  // Hand-made clients take strategies; they apply only to baseUrl's origin (and `authOrigins`).
  const withBearer = createHttpClient({ baseUrl, auth: bearer(async () => 'token-from-a-vault') })
  const withBasic = createHttpClient({ baseUrl, auth: basic('ada', 's3cret') })
  const withKey = createHttpClient({ baseUrl, auth: apiKey('query', 'api_key', 'k-123') }) // or 'header' / 'cookie'
  const withScheme = createHttpClient({ baseUrl, auth: httpScheme('Token', 'abc') }) // Authorization: Token abc

  // OAuth2 client credentials: the token is fetched once, cached until 30 s before it expires and
  // shared by concurrent calls; a 401 refreshes it once. (Generated clients build this from the
  // document's oauth2 scheme, with the token URL from its flow.)
  const tokens = oauth2({ clientId: 'app', clientSecret: 'app-secret', scopes: ['pets:read'] }, { tokenUrl: `${baseUrl}/token`, fetch: () => fetch })
  const withOAuth2 = createHttpClient({ baseUrl, auth: tokens })

  // Anything else (HMAC, SigV4...) is an object with `apply` (and `refresh` to replay once after a 401).
  const signed: AuthStrategy = { apply: ({ headers, url }) => headers.set('x-signature', `sig(${url.pathname})`) }
  const withSigning = createHttpClient({ baseUrl, auth: signed })

  // Generated clients take credentials by the document's securityScheme names, typed from it:
  // a string or token function (bearer, apiKey), { username, password } (basic),
  // { clientId, clientSecret, scopes? } or { refreshToken, ... } (oauth2), or a strategy.
  const client = petstore.createClient({ baseUrl, auth: { apiKey: 'k-456' } })

  const seen = await Promise.all([
    withBearer.get<Record<string, string>>('/echo'),
    withBasic.get<Record<string, string>>('/echo'),
    withKey.get<Record<string, string>>('/echo'),
    withScheme.get<Record<string, string>>('/echo'),
    withSigning.get<Record<string, string>>('/echo'),
    withOAuth2.get<Record<string, string>>('/echo'),
  ])
  const pets = await client.listPets()
  return { seen, pets: pets.length }
}
