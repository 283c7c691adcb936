/**
 * Keys are `<prefix>{<origin>}:<part>`: namespaced by the prefix, one hash tag per origin (so an
 * origin's keys share a Redis Cluster slot), and bounded: an origin is scheme, host and port only.
 * Userinfo, path, query and fragment never reach a key, even if a caller passes a whole URL.
 */
export type Part = 'bucket' | 'leases' | 'breaker' | 'budget'

/** Longest origin kept verbatim; a longer one (an odd host) is replaced by its hash. */
const MAX_ORIGIN = 200

/** FNV-1a, 32 bits twice with different seeds: enough to tell origins apart in a key. */
function hash(text: string): string {
  let a = 0x811c9dc5
  let b = 0x01000193 ^ 0x5bd1e995
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i)
    a = Math.imul(a ^ c, 0x01000193) >>> 0
    b = Math.imul(b ^ c, 0x01000193 ^ 0x2f) >>> 0
  }
  return a.toString(16).padStart(8, '0') + b.toString(16).padStart(8, '0')
}

/** The origin of `value` (an origin or a URL), without credentials; `null` for a URL that has none. */
export function originKey(value: string): string {
  let origin: string
  try {
    origin = new URL(value).origin
  } catch {
    origin = 'invalid'
  }
  // Braces would break the hash tag; origins never contain them, but a custom scheme's "null" or an odd host might be long.
  if (origin.length > MAX_ORIGIN || /[{}]/.test(origin)) return `#${hash(origin)}`
  return origin
}

export function keyFor(prefix: string, origin: string, part: Part): string {
  return `${prefix}{${originKey(origin)}}:${part}`
}
