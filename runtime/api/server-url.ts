import type { ServerDef } from './types'

/** A server URL with its `{variables}` filled from overrides, else the document's defaults. */
export function serverUrl(server: ServerDef, overrides?: Record<string, string>): string {
  let url = server.url.replace(/\{([^}]+)\}/g, (whole, name: string) => overrides?.[name] ?? server.variables?.[name]?.default ?? whole)
  // A relative server URL (`/v1`) is relative to the page in browsers; elsewhere it needs baseUrl.
  const location = (globalThis as { location?: { href?: string } }).location?.href
  if (!/^[a-z][a-z\d+.-]*:\/\//i.test(url) && location) url = new URL(url, location).href
  return url
}
