const REDIRECT = new Set([301, 302, 303, 307, 308])
const CREDENTIAL_HEADERS = ['authorization', 'proxy-authorization', 'cookie']

type Exchange = (url: string, method: string, headers: Headers, body: BodyInit | undefined) => Promise<Response>

/** Whether a request carries something that must not follow a redirect to another origin. */
export function carriesCredentials(headers: Headers, alsoStrip: readonly string[]): boolean {
  return CREDENTIAL_HEADERS.some((n) => headers.has(n)) || alsoStrip.some((n) => headers.has(n))
}

/**
 * Follows redirects by hand for requests that carry credentials, so they never reach another
 * origin (the requests / urllib3 CVE family): on an origin change the credential headers go.
 * API keys in custom headers are bound to the origin as well, so every header the auth step
 * added is dropped, not just the well-known ones.
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
  max = 5,
): Promise<Response> {
  let current = new URL(url)
  const origin = current.origin
  for (let hops = 0; REDIRECT.has(response.status) && response.headers.has('location'); hops++) {
    if (hops >= max) return response
    const next = new URL(response.headers.get('location')!, current)
    await response.body?.cancel()
    if (response.status === 303 || ((response.status === 301 || response.status === 302) && method === 'POST')) {
      method = method === 'HEAD' ? 'HEAD' : 'GET'
      body = undefined
      headers = new Headers(headers)
      headers.delete('content-type')
      headers.delete('content-length')
    }
    if (next.origin !== origin) {
      headers = new Headers(baseHeaders ?? headers)
      for (const name of CREDENTIAL_HEADERS) headers.delete(name)
      for (const name of alsoStrip) headers.delete(name)
    }
    current = next
    response = await exchange(next.href, method, headers, body)
  }
  return response
}
