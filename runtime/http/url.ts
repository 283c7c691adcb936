import type { RequestOptions } from './types'

/** Starts with a scheme (`https:`, `mailto:`): not relative to a base URL. */
export const HAS_SCHEME = /^[a-z][a-z\d+.-]*:/i

/** Whether `new URL(url)` accepts it. */
export function parses(url: string): boolean {
  try {
    new URL(url)
    return true
  } catch {
    return false
  }
}

/** Joins a base URL and a path without doubling or losing the slash; absolute URLs pass through. */
export function joinUrl(base: string | undefined, path: string): string {
  if (!base || HAS_SCHEME.test(path)) return path
  return `${base.replace(/\/+$/, '')}${path.startsWith('/') ? '' : '/'}${path}`
}

/** Appends hand-written query parameters (arrays repeat the name). */
export function appendQuery(url: string, query: RequestOptions['query']): string {
  if (!query) return url
  const parts: string[] = []
  for (const name in query) {
    const value = query[name]
    if (value === undefined) continue
    for (const v of Array.isArray(value) ? value : [value]) parts.push(`${encodeURIComponent(name)}=${encodeURIComponent(String(v))}`)
  }
  if (parts.length === 0) return url
  const hash = url.indexOf('#')
  const head = hash === -1 ? url : url.slice(0, hash)
  return `${head}${head.includes('?') ? '&' : '?'}${parts.join('&')}${hash === -1 ? '' : url.slice(hash)}`
}
