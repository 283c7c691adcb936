/**
 * Secret redaction for URLs and headers, used by logs, error messages and inspection. Pure string
 * work: URLs are not re-serialised, so the rest of the URL stays byte-for-byte what was sent.
 */

export const REDACTED = 'REDACTED'

/**
 * The opt-out is a sentence, not a boolean, so nobody turns it on by accident or by copy-paste of
 * `true`. With it, logs and error messages show credentials verbatim.
 */
export const UNSAFE_REVEAL_SECRETS = 'I understand that credentials will appear in logs and errors' as const

export interface RedactOptions {
  /** Extra query parameter names to hide (e.g. API-key names from the document). Case-insensitive. */
  query?: readonly string[]
  /** Extra header names to hide (e.g. API-key headers from the document). Case-insensitive. */
  headers?: readonly string[]
  /** Set to {@link UNSAFE_REVEAL_SECRETS} to switch redaction off. */
  unsafeRevealSecrets?: typeof UNSAFE_REVEAL_SECRETS
}

// Header names SENSITIVE_NAME below does not catch; x-api-key, x-auth-token, x-csrf-token,
// x-amz-security-token and their kind it does.
const SENSITIVE_HEADERS = new Set(['authorization', 'proxy-authorization', 'cookie', 'set-cookie'])

// Token-like names: access_token, apiKey, X-Goog-Signature, client_secret, sig, password...
const SENSITIVE_NAME = /(?:^|[-_.])(?:sig|code|auth)$|token|key|secret|passw(?:or)?d|signature|credential|session/i

// Names the runtime itself put a credential under (auth strategies register them when built):
// secret whatever they look like (`appid`, `X-Client`). Process-wide, because an error or a log
// line may be formatted far from the client that sent it; hiding one name too many is harmless.
const placedQuery = new Set<string>()
const placedHeaders = new Set<string>()

/** Marks a query parameter or header name as holding a credential, for every redaction from now on. */
export function registerCredentialName(where: 'query' | 'header', name: string): void {
  ;(where === 'query' ? placedQuery : placedHeaders).add(name.toLowerCase())
}

// The latest credential values the runtime sent, hidden in free text too (a server that echoes
// the key in its error body, a dependency's message). Bounded, because tokens rotate.
const placedValues: string[] = []

/** Marks a credential value the runtime sent; too short a value (under 6 characters) is not searched for. */
export function registerCredentialValue(value: string): void {
  if (value.length < 6 || placedValues.includes(value)) return
  if (placedValues.push(value) > 32) placedValues.shift()
}

export function isSensitiveQueryName(name: string, extra?: readonly string[]): boolean {
  const lower = name.toLowerCase()
  // SENSITIVE_NAME covers `sig` and `code` alone too (`^` before them).
  return SENSITIVE_NAME.test(name) || placedQuery.has(lower) || (extra?.some((n) => n.toLowerCase() === lower) ?? false)
}

export function isSensitiveHeader(name: string, extra?: readonly string[]): boolean {
  const lower = name.toLowerCase()
  return SENSITIVE_HEADERS.has(lower) || SENSITIVE_NAME.test(lower) || placedHeaders.has(lower) || (extra?.some((n) => n.toLowerCase() === lower) ?? false)
}

const USERINFO = /^([a-z][a-z\d+.-]*:\/\/)[^/?#@]*@/i

/** Hides URL userinfo and the values of token-like query parameters. */
export function redactUrl(url: string, options?: RedactOptions): string {
  return options?.unsafeRevealSecrets === UNSAFE_REVEAL_SECRETS ? url : hideUrlSecrets(url, options?.query)
}

/**
 * `redactUrl` for callers that offer no opt-out (the WebSocket client): the same redaction, without
 * the opt-out's check, so their bundles do not carry its sentence. `extra`: more query names to hide.
 */
export function hideUrlSecrets(url: string, extra?: readonly string[]): string {
  let out = url.replace(USERINFO, `$1${REDACTED}:${REDACTED}@`)
  const q = out.indexOf('?')
  if (q === -1) return out
  const h = out.indexOf('#', q)
  const query = out.slice(q + 1, h === -1 ? undefined : h)
  const redacted = query
    .split('&')
    .map((pair) => {
      const eq = pair.indexOf('=')
      if (eq === -1) return pair
      let name = pair.slice(0, eq)
      try {
        name = decodeURIComponent(name.replace(/\+/g, ' '))
      } catch {
        // a malformed escape: judge the raw name
      }
      return isSensitiveQueryName(name, extra) ? `${pair.slice(0, eq)}=${REDACTED}` : pair
    })
    .join('&')
  out = `${out.slice(0, q + 1)}${redacted}${h === -1 ? '' : out.slice(h)}`
  return out
}

const URL_IN_TEXT = /[a-z][a-z\d+.-]*:\/\/[^\s"'<>]*[^\s"'<>.,;:)]/gi

/** Redacts every URL inside free text (a dependency's error message, for instance). */
export function redactText(text: string, options?: RedactOptions): string {
  if (options?.unsafeRevealSecrets === UNSAFE_REVEAL_SECRETS) return text
  let out = text.replace(URL_IN_TEXT, (url) => redactUrl(url, options))
  for (const value of placedValues) {
    out = out.split(value).join(REDACTED)
    const encoded = encodeURIComponent(value)
    if (encoded !== value) out = out.split(encoded).join(REDACTED)
  }
  return out
}

export type HeadersLike = Headers | Record<string, string | readonly string[] | undefined> | Iterable<readonly [string, string]>

/** A plain object of headers (lower-case names) with sensitive values replaced. */
export function redactHeaders(headers: HeadersLike | undefined, options?: RedactOptions): Record<string, string> {
  const out: Record<string, string> = {}
  if (!headers) return out
  const reveal = options?.unsafeRevealSecrets === UNSAFE_REVEAL_SECRETS
  const entries: Iterable<readonly [string, unknown]> = Symbol.iterator in headers ? (headers as Iterable<readonly [string, string]>) : Object.entries(headers)
  for (const [name, value] of entries) {
    if (value === undefined) continue
    const lower = name.toLowerCase()
    out[lower] = !reveal && isSensitiveHeader(lower, options?.headers) ? REDACTED : String(value)
  }
  return out
}
