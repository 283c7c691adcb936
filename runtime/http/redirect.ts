const REDIRECT = new Set([301, 302, 303, 307, 308])
const CREDENTIAL_HEADERS = ['authorization', 'proxy-authorization', 'cookie']
// Fetch's "request-body-header names": they describe a body that a 303 (or a POST's 301/302) drops.
const BODY_HEADERS = ['content-type', 'content-length', 'content-encoding', 'content-language', 'content-location']

/** The Fetch standard's limit (curl allows 50); a loop costs at most this many requests plus one. */
export const MAX_REDIRECTS = 20

type Exchange = (url: string, method: string, headers: Headers, body: BodyInit | undefined) => Promise<Response>

/** Why a redirect chain stopped; the client turns it into a `RedirectError` naming the request. */
export class RedirectStop extends Error {
  constructor(
    readonly redirects: number,
    /** The refused Location as sent by the server; undefined for too many redirects. */
    readonly location: string | undefined,
  ) {
    super('redirect stopped')
  }
}

/**
 * Follows redirects by hand (server runtimes), so credentials never reach another origin (the
 * requests / urllib3 CVE family): on an origin change, https: to http: included, the credential
 * headers go. API keys in custom headers are bound to the origin as well, so every header the
 * auth step added is dropped, not just the well-known ones. Only http: and https: are followed:
 * fetch would serve a `data:` URL itself, answering for the server with content it chose.
 */
export async function followRedirects(
  response: Response,
  url: string,
  method: string,
  headers: Headers,
  body: BodyInit | undefined,
  exchange: Exchange,
  baseHeaders?: Headers,
  /** More header names bound to the origin (the document's API-key headers). */
  alsoStrip: readonly string[] = [],
  max = MAX_REDIRECTS,
): Promise<Response> {
  // Most responses are no redirect: parse no URL for them.
  if (!REDIRECT.has(response.status)) return response
  let current = new URL(url)
  const origin = current.origin
  let crossed = false
  let dropped = false
  for (let hops = 0; REDIRECT.has(response.status) && response.headers.has('location'); hops++) {
    await response.body?.cancel()
    if (hops >= max) throw new RedirectStop(hops, undefined)
    const location = response.headers.get('location')!
    let next: URL
    try {
      next = new URL(location, current)
    } catch {
      throw new RedirectStop(hops, location)
    }
    if (next.protocol !== 'http:' && next.protocol !== 'https:') throw new RedirectStop(hops, location)
    const toGet = response.status === 303 || ((response.status === 301 || response.status === 302) && method === 'POST')
    if (next.origin !== origin) crossed = true
    // Rebuilt from the call's own headers once the chain has left the origin: nothing the auth step
    // added survives, and a later hop back to the origin does not get it back either.
    if (crossed || toGet) headers = new Headers(crossed ? (baseHeaders ?? headers) : headers)
    if (crossed) for (const name of [...CREDENTIAL_HEADERS, ...alsoStrip]) headers.delete(name)
    if (toGet) {
      method = method === 'HEAD' ? 'HEAD' : 'GET'
      body = undefined
      dropped = true
    }
    if (dropped) for (const name of BODY_HEADERS) headers.delete(name)
    current = next
    response = await exchange(next.href, method, headers, body)
  }
  return response
}
