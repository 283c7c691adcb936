import { serverUrl } from '../api/server-url'
import type { ApiClientOptions, ApiDef, OperationDef, OperationParts, ServerDef } from '../api/types'
import { ConfigurationError } from '../errors/configuration-error'
import type { RuntimeFeatures } from '../http/features'
import { pickRequirement } from './from-scheme'
import type { AuthStrategy } from './types'

export interface ApiAuth {
  /** Origins that may receive credentials: the API's servers and `baseUrl`. */
  origins: Iterable<string>
  /** `options.redact` with the names of the document's API keys added (query parameters and headers). */
  redact: { query: string[]; headers: string[] }
  /** The strategies one operation sends, per its (or the document's) security requirement. */
  strategies(op: OperationDef, parts: OperationParts): AuthStrategy[]
}

/**
 * Credentials of one bound API client, part of `authFeature`, so a document without security
 * carries none of it. `serverOf` is the operation's base URL (token URLs resolve against it);
 * `operations` and their parts give every server URL, for the origins that may receive credentials.
 */
export function apiAuth(
  def: ApiDef,
  options: ApiClientOptions,
  features: RuntimeFeatures,
  serverOf: (op: OperationDef, parts: OperationParts) => string | undefined,
  operations: readonly OperationDef[],
  partsOf: (op?: OperationDef) => OperationParts,
): ApiAuth {
  // A server that does not parse gets no credentials; only its own operations fail, when called.
  const url = (s: ServerDef, op?: OperationDef): string => serverUrl(s, options.serverVariables, undefined, partsOf(op))
  const urls = [...(def.servers ?? []).map((s) => url(s)), ...operations.flatMap((o) => (o.servers ?? []).map((s) => url(s, o))), options.baseUrl]
  const auth = options.auth as Record<string, NonNullable<ApiClientOptions['auth']>[string]> | undefined
  const cache = new Map<string, AuthStrategy>()
  const perOperation = new WeakMap<OperationDef, AuthStrategy[]>()
  const has = (name: string): boolean => auth?.[name] !== undefined
  const apiKeyNames = (where: 'query' | 'header'): string[] =>
    Object.values(def.securitySchemes ?? {}).flatMap((s) => (s.type === 'apiKey' && s.in === where ? [s.name] : []))
  return {
    origins: features.credentials?.origins(urls) ?? [],
    redact: {
      query: [...apiKeyNames('query'), ...(options.redact?.query ?? [])],
      headers: [...apiKeyNames('header'), ...(options.redact?.headers ?? [])],
    },
    strategies(op, parts) {
      let picked = perOperation.get(op)
      if (picked) return picked
      picked = pickRequirement(op.security ?? def.security, has).map((name) => {
        let s = cache.get(name)
        if (!s) {
          const base = serverOf(op, parts)
          if (!features.scheme) throw new ConfigurationError(`auth.${name}: security schemes need authFeature`, `auth.${name}`)
          s = features.scheme(name, def.securitySchemes?.[name], auth![name]!, {
            resolveUrl: (u) => (base ? new URL(u, base.endsWith('/') ? base : `${base}/`).href : u),
            fetch: () => options.fetch ?? globalThis.fetch,
            oauth2: features.oauth2,
          })
          cache.set(name, s)
        }
        return s
      })
      perOperation.set(op, picked)
      return picked
    },
  }
}
