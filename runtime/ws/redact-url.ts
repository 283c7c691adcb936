/**
 * Hides secrets in a URL before it reaches a log line or an error message: the password part and
 * the values of token-like query parameters (where browser clients must put their tokens).
 */
const SECRET = /token|key|auth|pass|secret|sig|ticket|session|code|jwt/i

export function redactUrl(url: string, extraNames: readonly string[] = []): string {
  let u: URL
  try {
    u = new URL(url)
  } catch {
    return url.replace(/\?.*$/s, '?…')
  }
  if (u.password) u.password = '***'
  for (const name of [...u.searchParams.keys()]) {
    if (SECRET.test(name) || extraNames.includes(name)) u.searchParams.set(name, '***')
  }
  return u.href
}
