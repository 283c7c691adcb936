import { pickRequirement } from '../auth/from-scheme'
import type { AuthStrategy } from '../auth/types'
import { ConfigurationError } from '../errors/configuration-error'
import { RequestError } from '../errors/request-error'
import { checkOptions } from '../http/check-options'
import { createHttpCore, type HttpClient } from '../http/client'
import { allFeatures, type RuntimeFeatures } from '../http/features'
import type { HttpError } from '../errors/http-error'
import { buildRequest } from './build-request'
import { PAGE_URL } from '../pagination/page-url'
import { createApiClient } from './create-client'
import { allParts } from './parts'
import { pickServer, serverUrl } from './server-url'
import type { ApiClientOptions, ApiDef, ErrorResponse, Operation, OperationDef, OperationInput, OperationParts, RequestOptions, SafeResult } from './types'

/** What `createApiCore` returns; `createApiClient` (its own import, so bundles that never call it leave it out) builds client trees from it. */
export interface ApiCore<TScheme extends string = string> {
  readonly def: ApiDef
  /** Merges options into the module's default client (used by the exported operations). */
  configure(options: ApiClientOptions<TScheme>): void
  /** `parts`: the serializers the operation's data needs (generated modules pass them; see `OperationParts`). */
  operation<I extends OperationInput = OperationInput, D = unknown, E extends ErrorResponse = ErrorResponse>(
    def: OperationDef,
    parts?: OperationParts,
  ): Operation<I, D, E>
  /**
   * A new, independent client made from `options` (checked now), as a function that returns an
   * operation of this API bound to it, or undefined for anything else.
   */
  rebinder(options: ApiClientOptions<TScheme>): (value: unknown) => Operation | undefined
}

export interface Api<TScheme extends string = string> extends ApiCore<TScheme> {
  /** `tree` with every operation of this API re-bound to a new, independent client made from `options`. */
  createClient<T>(options: ApiClientOptions<TScheme>, tree: T): T
}

interface Bound {
  client: HttpClient
  /** The client's own headers set Accept, which then wins over the operation's response types. */
  ownAccept: boolean
  baseUrl(op: OperationDef, parts: OperationParts): string
  strategies(op: OperationDef, parts: OperationParts): AuthStrategy[]
}

type Invoke = (bound: Bound, input: OperationInput | undefined, options: RequestOptions | undefined) => ReturnType<HttpClient['send']>

function merge(a: ApiClientOptions, b: ApiClientOptions): ApiClientOptions {
  return {
    ...a,
    ...b,
    headers: { ...a.headers, ...b.headers },
    auth: { ...a.auth, ...b.auth },
    serverVariables: { ...a.serverVariables, ...b.serverVariables },
  }
}

/** The runtime side of an API module, with every runtime feature (OAuth2, SSE...). */
export function createApi<TScheme extends string = string>(def: ApiDef): Api<TScheme> {
  const core = createApiCore<TScheme>(def, allFeatures, allParts)
  return { ...core, createClient: (options, tree) => createApiClient(core, options, tree) }
}

/**
 * `createApi` with only the features the document needs, which generated modules pass
 * (`authFeature`, `oauth2Feature`, `sseFeature`), so the rest is left out of the bundle. `parts`
 * are those every operation gets (the `server` part), besides its own.
 */
export function createApiCore<TScheme extends string = string>(def: ApiDef, features: RuntimeFeatures = {}, parts: OperationParts = {}): ApiCore<TScheme> {
  let defaults: ApiClientOptions = {}
  let shared: Bound | undefined
  const operations: OperationDef[] = []
  const invokers = new WeakMap<object, Invoke>()
  const partsOf = new WeakMap<OperationDef, OperationParts>()

  function bind(options: ApiClientOptions): Bound {
    const serverOf = (op: OperationDef, own: OperationParts): string | undefined => {
      if (options.baseUrl) return options.baseUrl
      const where = `${op.method} ${op.path} (${op.id})`
      const server = pickServer(op.servers ?? def.servers, options.server, where)
      return server && serverUrl(server, options.serverVariables, where, own)
    }
    const authz = features.apiAuth?.(def, options, features, serverOf, operations, (op) => (op && partsOf.get(op)) || parts)
    const { auth, serverVariables, baseUrl, server, ...rest } = options
    const client = createHttpCore(
      {
        ...rest,
        name: options.name ?? def.name,
        authOrigins: authz ? [...authz.origins] : [],
        redact: authz ? authz.redact : options.redact,
      },
      features,
    )
    const has = (name: string): boolean => auth?.[name as TScheme] !== undefined
    const bases = new WeakMap<OperationDef, string>()
    return {
      client,
      ownAccept: Object.entries(options.headers ?? {}).some(([k, v]) => v !== undefined && k.toLowerCase() === 'accept'),
      baseUrl(op, own) {
        let url = bases.get(op)
        if (url === undefined) {
          url = serverOf(op, own)?.replace(/\/+$/, '')
          if (url === undefined)
            throw new RequestError(`${op.method} ${op.path} (${op.id}): no server URL; pass baseUrl to configure() or createClient()`, { code: 'ERR_BASE_URL' })
          bases.set(op, url)
        }
        return url
      },
      strategies: authz
        ? authz.strategies
        : (op) => {
            // Without authFeature nothing is sent: say so rather than drop a credential meant for this operation.
            const [name] = pickRequirement(op.security ?? def.security, has)
            if (name) throw new ConfigurationError(`auth.${name}: security schemes need authFeature`, `auth.${name}`)
            return []
          },
    }
  }

  function makeOperation<I extends OperationInput, D, E extends ErrorResponse>(
    op: OperationDef,
    own: OperationParts,
    getBound: () => Bound,
  ): Operation<I, D, E> {
    const invoke: Invoke = async (bound, input, options) => {
      const built = buildRequest(op, input, features, own)
      if (bound.ownAccept) delete built.headers.accept
      const base = bound.baseUrl(op, own)
      return bound.client.send({
        ...options,
        method: op.method,
        // paginate() follows a next link (RFC 8288) through the operation, keeping its client.
        url: (options as { [PAGE_URL]?: string } | undefined)?.[PAGE_URL] ?? base + built.path,
        body: built.body,
        headers: { ...built.headers, ...options?.headers },
        operationId: op.id,
        idempotent: op.idempotent || options?.idempotent,
        auth: bound.strategies(op, own),
      })
    }
    const fn = (async (input?: I, options?: RequestOptions) => (await invoke(getBound(), input, options)).data) as unknown as Operation<I, D, E>
    const safe = async (input?: I, options?: RequestOptions): Promise<SafeResult<D, E>> => {
      try {
        const r = await invoke(getBound(), input, options)
        return { data: r.data as D, error: undefined, response: r.response }
      } catch (error) {
        return { data: undefined, error: error as NonNullable<SafeResult<D, E>['error']>, response: (error as Partial<HttpError>).response }
      }
    }
    Object.defineProperties(fn, {
      safe: { value: safe },
      def: { value: op, enumerable: true },
      name: { value: op.id },
    })
    invokers.set(fn, invoke)
    return fn
  }

  return {
    def,
    configure(options) {
      checkOptions({ ...options, auth: undefined }, `${def.name}: configure()`)
      features.checkAuth?.(def, options)
      defaults = merge(defaults, options)
      shared = undefined
    },
    operation<I extends OperationInput, D, E extends ErrorResponse>(op: OperationDef, own?: OperationParts) {
      operations.push(op)
      const all = own ? { ...parts, ...own } : parts
      partsOf.set(op, all)
      return makeOperation<I, D, E>(op, all, () => (shared ??= bind(defaults)))
    },
    rebinder(options) {
      checkOptions({ ...options, auth: undefined }, `${def.name}: createClient()`)
      features.checkAuth?.(def, options)
      const bound = bind(merge({}, options))
      return (value) => {
        const op = invokers.has(value as object) ? (value as Operation).def : undefined
        return op && makeOperation(op, partsOf.get(op) ?? parts, () => bound)
      }
    },
  }
}
