import { parses } from '../http/url'

/**
 * The origins that may receive credentials: the base URL's, the API's server URLs', and those
 * named in `authOrigins`. Computed once here for both the hand-written client and generated APIs,
 * so a server the document lists and a `baseUrl` the caller sets are treated alike. A URL that is
 * relative or does not parse adds nothing (its requests get no credentials).
 */
export function credentialOrigins(urls: readonly (string | undefined)[], named: readonly string[] = []): Set<string> {
  const origins = new Set(named)
  for (const url of urls) {
    const origin = url === undefined ? undefined : originOf(url)
    if (origin) origins.add(origin)
  }
  return origins
}

const ABSOLUTE = /^[a-z][a-z\d+.-]*:\/\/[^/?#]*/i

/** `https://API.example.com:443/v1?x` → `https://api.example.com`; undefined when not absolute or invalid. */
export function originOf(url: string): string | undefined {
  const head = ABSOLUTE.exec(url)?.[0]
  return head && parses(head) ? new URL(head).origin : undefined
}
