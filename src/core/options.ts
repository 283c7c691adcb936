import { existsSync, readdirSync, statSync } from 'node:fs'
import { extname, isAbsolute, join, resolve } from 'node:path'
import { OptionsError } from '../errors'
import { isAllowedOrigin, isRemote } from '../spec/remote'
import { resolvePagination, type PaginationOptions } from './pagination-options'
import { API_NAME } from './virtual-id'

export interface ApiOptions {
  /** Path (relative to `root`) or URL of the OpenAPI document. URLs need their origin in `allowRemote`. */
  spec: string
  /** Replaces the document's `servers` with this base URL in the generated client. */
  baseUrl?: string
  /**
   * Generate only these operations (operationIds, or `GET /path` for operations without one) and
   * the components they reach; with `tags`, operations matching either are kept. Keeps type
   * checking cheap on very large documents.
   */
  operations?: string[]
  /** Generate only operations carrying one of these tags (see `operations`). */
  tags?: string[]
  /** Serve this API from its document in the Vite dev server (see `Options.mock`). @default the global `mock` */
  mock?: boolean
  /**
   * AsyncAPI documents only: whose side the document describes, so the client sends what the other
   * side receives. @default inferred (see docs/client-generation.md, "WebSocket APIs")
   */
  perspective?: 'client' | 'server'
  /**
   * How list operations page, by operationId (`"*"`: every GET operation; `false`: not this one).
   * Read by `paginate()` and the query module's infinite queries.
   */
  pagination?: PaginationOptions
}

export interface Options {
  /** APIs by name: `petstore: './petstore.yaml'` makes `virtual:api/petstore`. */
  apis?: Record<string, string | ApiOptions>
  /**
   * A folder whose `*.yaml`, `*.yml` and `*.json` files each become `virtual:api/<file stem>`.
   * Entries in `apis` win over a file of the same name.
   */
  dir?: string
  /**
   * Where the declarations of every `virtual:api/*` module go, relative to `root`; `false` turns
   * them off. The object form also says which operations get their full types (see `DtsOptions`).
   * @default 'api-clients.d.ts'
   */
  dts?: boolean | string | DtsOptions
  /**
   * Origins (`https://api.example.com`) that documents and `$ref`s may be fetched from. Empty by
   * default: a build never reaches the network unless told to.
   * @default []
   */
  allowRemote?: string[]
  /**
   * Folders (relative to `root`) that file `$ref`s may read besides each document's own folder
   * and its subfolders. Empty by default: a document cannot pull in files from elsewhere on disk.
   * @default []
   */
  allowRefsFrom?: string[]
  /** Project root for relative paths. @default the bundler's root, else `process.cwd()` */
  root?: string
  /**
   * Folder for the generated-code cache (keyed by a hash of documents and options); `false`
   * keeps the cache in memory only.
   * @default 'node_modules/.cache/codomyrmex-networking'
   */
  cacheDir?: string | false
  /**
   * Vite dev server only: answer every API's routes under `/__api/<name>` from mock data generated
   * from its document (the same as `virtual:api/<name>/mocks`), and point the generated client
   * there by default. Per API with `apis.<name>.mock`.
   * @default false
   */
  mock?: boolean
}

export interface DtsOptions {
  /** The declaration file, relative to `root`. @default 'api-clients.d.ts' */
  path?: string
  /**
   * `'imported'`: full types for the operations the app's files import (seen by the bundler and
   * by `codomyrmex-api sync`, which scans the files under `root`), every other operation by name
   * only, so the checker's cost follows the app. `'all'`: full types for every operation.
   * @default 'imported'
   */
  operations?: 'imported' | 'all'
}

export interface ResolvedApi {
  name: string
  /** Absolute path or URL. */
  spec: string
  baseUrl?: string
  operations?: string[]
  tags?: string[]
  mock?: boolean
  perspective?: 'client' | 'server'
  pagination?: PaginationOptions
}

export interface ResolvedOptions {
  root: string
  apis: Map<string, ResolvedApi>
  dts: string | false
  /** `dts.operations`: which operations the declaration file types in full. */
  dtsOperations: 'imported' | 'all'
  allowRemote: string[]
  /** Absolute folders. */
  allowRefsFrom: string[]
  cacheDir: string | false
}

const KNOWN = new Set(['apis', 'dir', 'dts', 'allowRemote', 'allowRefsFrom', 'root', 'cacheDir', 'mock'])
const DOCUMENT_EXTENSIONS = new Set(['.yaml', '.yml', '.json'])

/**
 * Checks every option and fails naming the first one that is wrong and what was expected.
 * `checkFiles: false` checks shapes only: the plugin does that at creation, then again with files
 * once the bundler has told it the project root.
 */
export function resolveOptions(raw: unknown, fallbackRoot = process.cwd(), { checkFiles = true } = {}): ResolvedOptions {
  if (raw === undefined) raw = {}
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) throw new OptionsError('options', 'expected an object')
  const options = raw as Options & Record<string, unknown>
  for (const key of Object.keys(options)) {
    if (!KNOWN.has(key)) throw new OptionsError(key, `unknown option; expected one of ${[...KNOWN].join(', ')}`)
  }
  if (options.root !== undefined && typeof options.root !== 'string') throw new OptionsError('root', 'expected a path')
  const root = resolve(options.root ?? fallbackRoot)
  const allowRemote = resolveAllowRemote(options.allowRemote)
  if (options.mock !== undefined && typeof options.mock !== 'boolean') throw new OptionsError('mock', 'expected true or false')
  const apis = new Map<string, ResolvedApi>()
  if (options.dir !== undefined && checkFiles) {
    for (const api of scanDir(root, options.dir)) apis.set(api.name, api)
  } else if (options.dir !== undefined && (typeof options.dir !== 'string' || options.dir === '')) {
    throw new OptionsError('dir', 'expected a folder path')
  }
  if (options.apis !== undefined) {
    if (typeof options.apis !== 'object' || options.apis === null || Array.isArray(options.apis)) {
      throw new OptionsError('apis', 'expected an object of name → document path, URL or { spec, baseUrl }')
    }
    for (const [name, value] of Object.entries(options.apis)) apis.set(name, resolveApi(root, name, value, allowRemote, checkFiles))
  }
  if (options.mock) for (const api of apis.values()) api.mock ??= true
  const allowRefsFrom = resolveAllowRefsFrom(root, options.allowRefsFrom)
  return { root, apis, ...resolveDts(root, options.dts), allowRemote, allowRefsFrom, cacheDir: resolveCacheDir(root, options.cacheDir) }
}

function resolveApi(root: string, name: string, value: unknown, allowRemote: string[], checkFiles: boolean): ResolvedApi {
  const where = `apis.${name}`
  if (!API_NAME.test(name)) throw new OptionsError(where, 'API names are letters, digits, ".", "_" and "-", starting with a letter or digit')
  const entry = typeof value === 'string' ? { spec: value } : value
  if (typeof entry !== 'object' || entry === null || Array.isArray(entry)) throw new OptionsError(where, 'expected a document path, a URL or { spec, baseUrl }')
  const { spec, baseUrl, operations, tags, mock, perspective, pagination, ...rest } = entry as Record<string, unknown>
  const unknownKey = Object.keys(rest)[0]
  if (unknownKey !== undefined)
    throw new OptionsError(`${where}.${unknownKey}`, 'unknown option; expected spec, baseUrl, operations, tags, mock, perspective or pagination')
  if (mock !== undefined && typeof mock !== 'boolean') throw new OptionsError(`${where}.mock`, 'expected true or false')
  if (perspective !== undefined && perspective !== 'client' && perspective !== 'server')
    throw new OptionsError(`${where}.perspective`, 'expected "client" or "server"')
  const filter: Pick<ResolvedApi, 'operations' | 'tags' | 'mock' | 'perspective' | 'pagination'> = {
    ...(mock === undefined ? {} : { mock }),
    ...(perspective === undefined ? {} : { perspective }),
  }
  const pages = resolvePagination(`${where}.pagination`, pagination)
  if (pages) filter.pagination = pages
  for (const [key, value] of [
    ['operations', operations],
    ['tags', tags],
  ] as const) {
    if (value === undefined) continue
    if (!Array.isArray(value) || value.length === 0 || !value.every((v) => typeof v === 'string')) {
      throw new OptionsError(`${where}.${key}`, 'expected a non-empty array of strings')
    }
    filter[key] = [...value] as string[]
  }
  if (typeof spec !== 'string' || spec === '') throw new OptionsError(`${where}.spec`, 'expected a document path or URL')
  if (baseUrl !== undefined && (typeof baseUrl !== 'string' || !isUrlish(baseUrl))) {
    throw new OptionsError(`${where}.baseUrl`, 'expected an absolute URL (https://api.example.com) or a path starting with "/"')
  }
  if (isRemote(spec)) {
    if (!isAllowedOrigin(spec, allowRemote)) {
      throw new OptionsError(`${where}.spec`, `remote documents are off: add "${new URL(spec).origin}" to \`allowRemote\` to fetch ${spec}`)
    }
    return { name, spec, ...(baseUrl === undefined ? {} : { baseUrl }), ...filter }
  }
  const path = isAbsolute(spec) ? spec : resolve(root, spec)
  if (checkFiles && !existsSync(path)) throw new OptionsError(`${where}.spec`, `no file at ${shownPath(spec, root)}`)
  return { name, spec: path, ...(baseUrl === undefined ? {} : { baseUrl }), ...filter }
}

/** A path as the user wrote it, and the root it was resolved against when relative. */
function shownPath(written: string, root: string): string {
  return isAbsolute(written) ? written : `${JSON.stringify(written)} (relative to ${root})`
}

function isUrlish(value: string): boolean {
  if (value.startsWith('/')) return true
  try {
    return /^https?:$/.test(new URL(value).protocol)
  } catch {
    return false
  }
}

function scanDir(root: string, dir: unknown): ResolvedApi[] {
  if (typeof dir !== 'string' || dir === '') throw new OptionsError('dir', 'expected a folder path')
  const folder = resolve(root, dir)
  if (!existsSync(folder) || !statSync(folder).isDirectory()) throw new OptionsError('dir', `no folder at ${shownPath(dir, root)}`)
  return readdirSync(folder)
    .filter((file) => DOCUMENT_EXTENSIONS.has(extname(file).toLowerCase()))
    .sort()
    .map((file) => ({ name: file.slice(0, -extname(file).length), spec: join(folder, file) }))
    .filter((api) => API_NAME.test(api.name))
}

function resolveAllowRemote(value: unknown): string[] {
  if (value === undefined) return []
  if (!Array.isArray(value)) throw new OptionsError('allowRemote', 'expected an array of origins such as "https://api.example.com"')
  return value.map((origin, index) => {
    if (typeof origin !== 'string') throw new OptionsError(`allowRemote[${index}]`, 'expected an origin string')
    let url: URL
    try {
      url = new URL(origin)
    } catch {
      throw new OptionsError(`allowRemote[${index}]`, `"${origin}" is not an origin such as "https://api.example.com"`)
    }
    if (!/^https?:$/.test(url.protocol) || url.origin !== origin.replace(/\/+$/, '')) {
      throw new OptionsError(`allowRemote[${index}]`, `"${origin}" is not an origin (scheme, host and port only)`)
    }
    return url.origin
  })
}

function resolveAllowRefsFrom(root: string, value: unknown): string[] {
  if (value === undefined) return []
  if (!Array.isArray(value)) throw new OptionsError('allowRefsFrom', 'expected an array of folder paths')
  return value.map((folder, index) => {
    if (typeof folder !== 'string' || folder === '') throw new OptionsError(`allowRefsFrom[${index}]`, 'expected a folder path')
    return resolve(root, folder)
  })
}

const DTS_KEYS = new Set(['path', 'operations'])

function resolveDts(root: string, value: unknown): Pick<ResolvedOptions, 'dts' | 'dtsOperations'> {
  if (value === false) return { dts: false, dtsOperations: 'imported' }
  const object = typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined
  for (const key of Object.keys(object ?? {})) {
    if (!DTS_KEYS.has(key)) throw new OptionsError(`dts.${key}`, `unknown option; expected one of ${[...DTS_KEYS].join(', ')}`)
  }
  const path = object ? object.path : value
  const where = object ? 'dts.path' : 'dts'
  const operations = object?.operations ?? 'imported'
  if (operations !== 'imported' && operations !== 'all') throw new OptionsError('dts.operations', 'expected "imported" or "all"')
  if (path === undefined || path === true) return { dts: resolve(root, 'api-clients.d.ts'), dtsOperations: operations }
  if (typeof path !== 'string' || !path.endsWith('.d.ts')) {
    throw new OptionsError(where, object ? 'expected a path ending in ".d.ts"' : 'expected false, a path ending in ".d.ts" or { path, operations }')
  }
  return { dts: resolve(root, path), dtsOperations: operations }
}

function resolveCacheDir(root: string, value: unknown): string | false {
  if (value === undefined) return resolve(root, 'node_modules/.cache/codomyrmex-networking')
  if (value === false) return false
  if (typeof value !== 'string' || value === '') throw new OptionsError('cacheDir', 'expected false or a folder path')
  return resolve(root, value)
}
