import { expect } from 'vitest'
import type { Table } from '../harness/case'
import type { Recorded, Reply } from '../harness/server'

/** The token endpoint of the recording server: t1, t2… each valid for an hour. */
let issued = 0
const tokenEndpoint = (q: Recorded): Reply | undefined => {
  if (q.path !== '/token') return undefined
  issued++
  return {
    status: 200,
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ access_token: `t${issued}`, token_type: 'Bearer', expires_in: 3600 }),
  }
}
const ok = (q: Recorded): Reply => tokenEndpoint(q) ?? { status: 204 }

// The OAuth2 strategy reads the clock through Date.now (captured when the client's strategy is made);
// this shifts that clock without sleeping.
const realNow = Date.now
let offset = 0
const b64 = (s: string): string => Buffer.from(s, 'utf8').toString('base64')
const tokens = (r: Recorded[]): Recorded[] => r.filter((q) => q.path === '/token')

let rotations = 0
const OAUTH = { oauth: { clientId: 'app', clientSecret: 's3cret:ü', scopes: ['read'] } }

export default {
  spec: 'security',
  responder: ok,
  cases: [
    {
      name: 'bearer from the document-level requirement',
      op: 'globalAuth',
      client: { auth: { bearerAuth: 'tok-1' } },
      expect: { headers: { authorization: 'Bearer tok-1' } },
    },
    {
      name: 'a token function is called for each call (rotation)',
      op: 'globalAuth',
      client: { auth: { bearerAuth: () => `rotated-${++rotations}` } },
      before: () => {
        rotations = 0
      },
      expect: { headers: { authorization: 'Bearer rotated-1' } },
    },
    {
      name: 'operation `security: []` overrides the global requirement: no credentials sent',
      op: 'publicOp',
      client: { auth: { bearerAuth: 'tok-1', headerKey: 'k' } },
      expect: { headers: { authorization: null, 'x-api-key': null }, cookie: null, query: '' },
    },
    {
      name: 'apiKey in a header, value verbatim',
      op: 'headerKeyOp',
      client: { auth: { headerKey: 'k 1/=' } },
      expect: { headers: { 'x-api-key': 'k 1/=', authorization: null } },
    },
    {
      name: 'apiKey in the query, appended to the operation query without re-encoding it',
      op: 'queryKeyOp',
      input: { query: { q: 'a b', ids: ['x', 'y,z'] } },
      client: { auth: { queryKey: 'k&1 ü' } },
      note: 'URLSearchParams writes a space as +; both + and %20 decode to a space in a query',
      expect: { query: ['q=a%20b&ids=x,y%2Cz&api_key=k%261%20%C3%BC', 'q=a%20b&ids=x,y%2Cz&api_key=k%261+%C3%BC'] },
    },
    {
      name: 'apiKey in a cookie, next to a cookie parameter',
      op: 'cookieKeyOp',
      input: { cookie: { theme: 'dark' } },
      client: { auth: { cookieKey: 'abc 1' } },
      note: 'pair order is not significant',
      expect: { cookie: ['theme=dark; session=abc%201', 'session=abc%201; theme=dark'] },
    },
    {
      name: 'basic: base64 of UTF-8 user:password (RFC 7617), colons in the password kept',
      op: 'basicOp',
      client: { auth: { basicAuth: { username: 'üser', password: 'p@ss:w' } } },
      expect: { headers: { authorization: `Basic ${b64('üser:p@ss:w')}` } },
    },
    {
      name: 'OAuth2 client credentials: token fetched from the document tokenUrl (relative to the server), then used',
      op: 'oauthOp',
      session: 'oauth',
      client: { auth: OAUTH },
      before: () => {
        issued = 0
        offset = 0
        Date.now = () => realNow() + offset
      },
      expect: {
        headers: { authorization: 'Bearer t1' },
        requests: (r) => {
          const [token] = tokens(r)
          expect(tokens(r)).toHaveLength(1)
          expect(token!.method).toBe('POST')
          expect(token!.header('content-type')).toBe('application/x-www-form-urlencoded')
          expect(new URLSearchParams(token!.body.toString())).toEqual(new URLSearchParams('grant_type=client_credentials&scope=read'))
          expect(token!.header('authorization')).toBe(`Basic ${b64(`app:${encodeURIComponent('s3cret:ü')}`)}`)
          expect(r.indexOf(token!)).toBe(0)
        },
      },
    },
    {
      name: 'OAuth2: the token is reused while fresh (no second token request)',
      op: 'oauthOp',
      session: 'oauth',
      expect: { headers: { authorization: 'Bearer t1' }, requests: (r) => expect(tokens(r)).toHaveLength(0) },
    },
    {
      name: 'OAuth2: an expired token is replaced before the call',
      op: 'oauthOp',
      session: 'oauth',
      before: () => {
        offset = 2 * 3600_000
      },
      expect: { headers: { authorization: 'Bearer t2' }, requests: (r) => expect(tokens(r)).toHaveLength(1) },
    },
    {
      name: 'OAuth2: a 401 for the current token fetches a new one and replays once',
      op: 'oauthOp',
      session: 'oauth',
      reply: (q) => tokenEndpoint(q) ?? (q.header('authorization') === 'Bearer t2' ? { status: 401 } : { status: 204 }),
      after: () => {
        Date.now = realNow
      },
      expect: {
        headers: { authorization: 'Bearer t3' },
        requests: (r) => {
          expect(r.map((q) => `${q.path} ${q.header('authorization')?.split(' ')[0]}`)).toEqual(['/oauth Bearer', '/token Basic', '/oauth Bearer'])
        },
      },
    },
    {
      name: 'openIdConnect: the ID/access token as a bearer token',
      op: 'oidcOp',
      client: { auth: { oidc: 'id-token' } },
      expect: { headers: { authorization: 'Bearer id-token' } },
    },
    {
      name: 'AND: both schemes of one requirement are applied',
      op: 'andOp',
      client: { auth: { headerKey: 'hk', queryKey: 'qk' } },
      expect: { headers: { 'x-api-key': 'hk' }, query: 'api_key=qk' },
    },
    {
      name: 'AND: with one of the two credentials missing, nothing is sent (the requirement is not met)',
      op: 'andOp',
      client: { auth: { headerKey: 'hk' } },
      expect: { headers: { 'x-api-key': null }, query: '' },
    },
    {
      name: 'OR: the first alternative with credentials wins',
      op: 'orOp',
      client: { auth: { headerKey: 'hk', basicAuth: { username: 'u', password: 'p' } } },
      expect: { headers: { 'x-api-key': 'hk', authorization: null } },
    },
    {
      name: 'OR: the second alternative when only it has credentials',
      op: 'orOp',
      client: { auth: { basicAuth: { username: 'u', password: 'p' } } },
      expect: { headers: { 'x-api-key': null, authorization: `Basic ${b64('u:p')}` } },
    },
    {
      name: 'optional security ({} as an alternative): the credential is sent when configured',
      op: 'optionalAuth',
      client: { auth: { headerKey: 'hk' } },
      expect: { headers: { 'x-api-key': 'hk' } },
    },
    {
      name: 'optional security: without credentials the call goes out without any',
      op: 'optionalAuth',
      expect: { headers: { 'x-api-key': null, authorization: null } },
    },
  ],
} satisfies Table
