import type { OperationDef, OperationInput, RequestOptions } from '../api/types'
import { redactUrl } from '../log/redact'
import { PaginationError } from './errors'
import { linkTargets } from './link-header'
import { PAGE_URL } from './page-url'
import type { PageParam, PaginationConfig } from './types'

/**
 * The pure part of pagination: where a page's parameter goes in the request, and what a response
 * says about the next page. No I/O; `paginate()` and the query module's infinite queries share it.
 */

/** `apis.<name>.pagination` arrives on the operation's data; a call's own configuration wins. */
export function configOf(op: OperationDef, override: PaginationConfig | undefined): PaginationConfig {
  const config = override ?? op.pagination
  if (!config) {
    throw new PaginationError(
      op.id,
      'the operation has no pagination; pass { pagination: { style: ... } } or set apis.<name>.pagination in the plugin options',
      'ERR_PAGINATION_CONFIG',
    )
  }
  if (config.style === 'cursor' && (!config.param || !config.next)) {
    throw new PaginationError(
      op.id,
      'cursor pagination needs `param` (the query parameter) and `next` (the path of the next cursor in the body)',
      'ERR_PAGINATION_CONFIG',
    )
  }
  if (!['link', 'cursor', 'offset', 'page'].includes(config.style)) {
    throw new PaginationError(
      op.id,
      `unknown pagination style ${JSON.stringify(config.style)} (expected link, cursor, offset or page)`,
      'ERR_PAGINATION_CONFIG',
    )
  }
  return config
}

export function paramName(config: PaginationConfig): string | undefined {
  if (config.style === 'link') return undefined
  if (config.style === 'cursor') return config.param
  return config.param ?? config.style
}

export interface PageRequest {
  input: OperationInput | undefined
  options: RequestOptions & { [PAGE_URL]?: string }
}

/**
 * The request for the page `param` (undefined: the first page, as the caller gave it). A parameter
 * the operation declares goes into its input; an undeclared one into the call's extra query, so it
 * is still sent.
 */
export function pageRequest(
  op: OperationDef,
  config: PaginationConfig,
  input: OperationInput | undefined,
  options: RequestOptions,
  param: PageParam | undefined,
): PageRequest {
  if (param === undefined) return { input, options }
  if (config.style === 'link') return { input, options: { ...options, [PAGE_URL]: String(param) } }
  const name = paramName(config)!
  if (declared(op, name)) return { input: { ...input, query: { ...input?.query, [name]: param } }, options }
  return { input, options: { ...options, query: { ...options.query, [name]: param } } }
}

/** Where the walk starts: the caller's own value of the parameter, else the style's default. */
export function firstParam(op: OperationDef, config: PaginationConfig, input: OperationInput | undefined, options: RequestOptions): PageParam | undefined {
  const name = paramName(config)
  const given = name === undefined ? undefined : declared(op, name) ? input?.query?.[name] : options.query?.[name]
  if (config.style === 'offset') return toNumber(given) ?? 0
  if (config.style === 'page') return toNumber(given) ?? config.start ?? 1
  return undefined
}

function declared(op: OperationDef, name: string): boolean {
  return op.params?.some((p) => p.in === 'query' && p.name === name) ?? false
}

function toNumber(value: unknown): number | undefined {
  const n = typeof value === 'string' && value.trim() !== '' ? Number(value) : value
  return typeof n === 'number' && Number.isFinite(n) ? n : undefined
}

/** A dot path (`meta.next`, optionally `$.meta.next`) into a parsed body. */
export function valueAt(data: unknown, path: string): unknown {
  let value = data
  for (const key of path.replace(/^\$\.?/, '').split('.')) {
    if (key === '') continue
    if (value === null || typeof value !== 'object' || !Object.hasOwn(value, key)) return undefined
    value = (value as Record<string, unknown>)[key]
  }
  return value
}

/** The items of one page, or a clear error naming what was found instead. */
export function itemsOf(op: OperationDef, config: PaginationConfig, data: unknown): unknown[] {
  if (config.items !== undefined) {
    const items = valueAt(data, config.items)
    if (Array.isArray(items)) return items
    if (items === undefined || items === null) return []
    throw new PaginationError(op.id, `\`${config.items}\` in the page is ${typeof items}, not an array of items`, 'ERR_PAGINATION_CONFIG')
  }
  if (Array.isArray(data)) return data
  if (data === null || data === undefined || data === '') return []
  const arrays = typeof data === 'object' ? Object.keys(data).filter((k) => Array.isArray((data as Record<string, unknown>)[k])) : []
  if (arrays.length === 1) return (data as Record<string, unknown[]>)[arrays[0]!]!
  const found = arrays.length === 0 ? 'no array member' : `several array members (${arrays.join(', ')})`
  throw new PaginationError(op.id, `the page has ${found}; set pagination.items to the path of its items`, 'ERR_PAGINATION_CONFIG')
}

/**
 * What comes after the page that `param` fetched: undefined on an empty page or when the response
 * names no next page. A next link is resolved against the response URL and must keep `origin`.
 */
export function nextParam(
  op: OperationDef,
  config: PaginationConfig,
  page: { data: unknown; items: readonly unknown[]; response: Response | undefined; param: PageParam | undefined; origin: string | undefined },
): PageParam | undefined {
  if (page.items.length === 0) return undefined
  switch (config.style) {
    case 'link': {
      const target = linkTargets(page.response?.headers.get('link'), 'next')[0]
      if (target === undefined) return undefined
      let url: URL
      try {
        url = new URL(target, page.response?.url || undefined)
      } catch {
        throw new PaginationError(
          op.id,
          `the Link header's next target "${redactUrl(target)}" is not a URL (and the response has no URL to resolve it against)`,
          'ERR_PAGINATION_LINK',
        )
      }
      if (page.origin !== undefined && url.origin !== page.origin) {
        throw new PaginationError(op.id, `the next link ${redactUrl(url.href)} leaves ${page.origin}; not followed`, 'ERR_PAGINATION_LINK')
      }
      return url.href
    }
    case 'cursor': {
      const cursor = valueAt(page.data, config.next)
      if (cursor === undefined || cursor === null || cursor === '' || cursor === false) return undefined
      if (typeof cursor !== 'string' && typeof cursor !== 'number') {
        throw new PaginationError(op.id, `the cursor at \`${config.next}\` is ${typeof cursor}, not a string or number`, 'ERR_PAGINATION_CONFIG')
      }
      return cursor
    }
    case 'offset': {
      const next = (page.param as number) + page.items.length
      const total = config.total === undefined ? undefined : toNumber(valueAt(page.data, config.total))
      return total !== undefined && next >= total ? undefined : next
    }
    case 'page': {
      const current = page.param as number
      const pages = config.totalPages === undefined ? undefined : toNumber(valueAt(page.data, config.totalPages))
      return pages !== undefined && current >= pages ? undefined : current + 1
    }
  }
}
