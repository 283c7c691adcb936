/** True for `http:`/`https:` locations; everything else is a file path. */
export function isRemote(location: string): boolean {
  return /^https?:\/\//i.test(location)
}

/** An origin is allowed only when listed exactly (`https://example.com`); the default list is empty. */
export function isAllowedOrigin(location: string, allowed: readonly string[]): boolean {
  let origin: string
  try {
    origin = new URL(location).origin
  } catch {
    return false
  }
  return allowed.some((entry) => entry.replace(/\/+$/, '') === origin)
}

/** Fetches a remote document the user allowed; fails on non-2xx and after `timeoutMs`. */
export async function fetchText(url: string, timeoutMs: number): Promise<string> {
  const response = await fetch(url, { signal: AbortSignal.timeout(timeoutMs), redirect: 'error' })
  if (!response.ok) throw new Error(`GET ${url} answered ${response.status} ${response.statusText}`)
  return response.text()
}
