import type { ApiCore } from './create-api'
import type { ApiClientOptions } from './types'

/**
 * `tree` with every operation of `api` re-bound to a new, independent client made from `options`:
 * what a generated module's `createClient` calls. Its own export, so an app that imports operations
 * by name and never `createClient` (or the default export) leaves the tree walk out of its bundle.
 * Shared subtrees and repeated operations stay shared in the result.
 */
export function createApiClient<T, TScheme extends string = string>(api: ApiCore<TScheme>, options: ApiClientOptions<TScheme>, tree: T): T {
  const rebound = api.rebinder(options)
  const seen = new Map<unknown, unknown>()
  const walk = (node: unknown): unknown => {
    if (seen.has(node)) return seen.get(node)
    if (typeof node === 'function') {
      const op = rebound(node)
      if (!op) return node
      seen.set(node, op)
      return op
    }
    if (node && typeof node === 'object' && Object.getPrototypeOf(node) === Object.prototype) {
      const out: Record<string, unknown> = {}
      seen.set(node, out)
      for (const [k, v] of Object.entries(node)) out[k] = walk(v)
      return out
    }
    return node
  }
  return walk(tree) as T
}
