import type { ApiClientOptions } from '../../api/types'
import { createHttpClient, type HttpClient } from '../../http/client'
import type { HttpClientOptions } from '../../http/types'
import { chainHooks, mergeHeaders, mergeRetry } from '../options'
import { followingClose, treeFollowingClose } from './bind-close'
import type { ClientContext, ClientKind, ClientSpec, ManagerDefaults, PerEnvironment } from '../types'

/** Options of a hand-made client in a manager: `createHttpClient`'s, with a base URL per environment allowed. */
export interface HttpSpecOptions extends Omit<HttpClientOptions, 'baseUrl'> {
  baseUrl?: PerEnvironment<string>
}

/** Options of a generated client in a manager: its `createClient` options, with a base URL per environment allowed. */
export interface ApiSpecOptions<TScheme extends string = string> extends Omit<ApiClientOptions<TScheme>, 'baseUrl'> {
  baseUrl?: PerEnvironment<string>
}

/** A generated module (its default export) or its `createClient` function. */
export type ApiSource<TClient, TScheme extends string = string> =
  | { createClient(options?: ApiClientOptions<TScheme>): TClient }
  | ((options?: ApiClientOptions<TScheme>) => TClient)

/** The options every HTTP-speaking kind takes from the defaults, with the manager's fetch and hooks. */
function shared(config: HttpSpecOptions | ApiSpecOptions, ctx: ClientContext): HttpClientOptions & ApiClientOptions {
  const d: ManagerDefaults = ctx.defaults
  const baseUrl = config.baseUrl ?? d.baseUrl
  const out: HttpClientOptions & ApiClientOptions = {
    logger: d.logger,
    timeout: d.timeout,
    deadline: d.deadline,
    redact: d.redact,
    ...(config as Omit<HttpSpecOptions, 'auth'>),
    name: config.name ?? ctx.name,
    baseUrl: baseUrl === undefined ? undefined : ctx.pick(baseUrl, 'baseUrl'),
    headers: mergeHeaders(d.headers, config.headers),
    retry: mergeRetry(d.retry, config.retry),
    hooks: chainHooks(d.hooks, config.hooks, ctx.hooks),
    // Every call is wrapped to follow closeAll() (below), so the guard can use the call's signal.
    fetch: ctx.guard(config.fetch ?? d.fetch, { followsClose: true }),
  }
  for (const key of Object.keys(out) as (keyof typeof out)[]) if (out[key] === undefined) delete out[key]
  return out
}

/**
 * Where each method of the HTTP client takes its options. Typed against `HttpClient`: a method
 * added there fails to compile here until it is wrapped too (an unwrapped method would escape
 * closeAll()).
 */
const OPTIONS_AT = {
  get: 1,
  head: 1,
  options: 1,
  delete: 1,
  post: 2,
  put: 2,
  patch: 2,
  request: 2,
  send: 0,
} as const satisfies Record<keyof HttpClient, number>

const httpKind: ClientKind<HttpSpecOptions, HttpClient> = {
  kind: 'http',
  create(config, ctx) {
    const auth = config.auth ?? ctx.defaults.auth
    const client = createHttpClient({ ...shared(config, ctx), ...(auth === undefined ? {} : { auth }) })
    const link = { client: ctx.name, calls: ctx.calls, close: ctx.signal, retain: ctx.retain }
    const wrapped: Record<string, unknown> = {}
    for (const [method, at] of Object.entries(OPTIONS_AT)) {
      wrapped[method] = followingClose(client[method as keyof HttpClient], at, link)
    }
    return wrapped as unknown as HttpClient
  },
}

/** A hand-made HTTP client (`createHttpClient`) held by the manager. */
export function httpClient(options: HttpSpecOptions = {}): ClientSpec<HttpClient, HttpSpecOptions> {
  return { kind: httpKind, config: options }
}

interface ApiConfig<TClient, TScheme extends string> {
  source: ApiSource<TClient, TScheme>
  options: ApiSpecOptions<TScheme>
}

function apiKind<TClient, TScheme extends string>(): ClientKind<ApiConfig<TClient, TScheme>, TClient> {
  return {
    kind: 'api',
    create({ source, options }, ctx) {
      const auth = { ...ctx.defaults.credentials, ...options.auth }
      const merged = { ...shared(options, ctx), auth } as ApiClientOptions<TScheme>
      const tree = typeof source === 'function' ? source(merged) : source.createClient(merged)
      return treeFollowingClose(tree, { client: ctx.name, calls: ctx.calls, close: ctx.signal, retain: ctx.retain })
    },
  }
}

/** A generated client (`import petstore from 'virtual:api/petstore'`) held by the manager: `apiClient(petstore, { ... })`. */
export function apiClient<TClient, TScheme extends string = string>(
  source: ApiSource<TClient, TScheme>,
  options: ApiSpecOptions<TScheme> = {},
): ClientSpec<TClient, ApiConfig<TClient, TScheme>> {
  return { kind: apiKind<TClient, TScheme>(), config: { source, options } }
}
