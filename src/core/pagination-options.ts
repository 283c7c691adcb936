import type { PaginationConfig } from '../../runtime/pagination/types'
import { OptionsError } from '../errors'

/**
 * `apis.<name>.pagination`: pagination per operationId, `"*"` for every GET operation without
 * its own entry, `false` to leave one out of `"*"`. The shapes are the runtime's `PaginationConfig`,
 * checked here so a typo fails the build naming the option instead of a page loop failing later.
 */
export type PaginationOptions = Record<string, PaginationConfig | false>

const KEYS: Record<PaginationConfig['style'], Record<string, 'string' | 'number'>> = {
  link: { items: 'string' },
  cursor: { param: 'string', next: 'string', items: 'string' },
  offset: { param: 'string', items: 'string', total: 'string' },
  page: { param: 'string', start: 'number', items: 'string', totalPages: 'string' },
}
const REQUIRED: Partial<Record<PaginationConfig['style'], string[]>> = { cursor: ['param', 'next'] }

export function resolvePagination(where: string, value: unknown): PaginationOptions | undefined {
  if (value === undefined) return undefined
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new OptionsError(where, 'expected an object of operationId (or "*") → { style: "link" | "cursor" | "offset" | "page", ... }')
  }
  const out: PaginationOptions = {}
  for (const [operation, config] of Object.entries(value)) out[operation] = resolveOne(`${where}.${operation}`, config)
  return out
}

function resolveOne(where: string, value: unknown): PaginationConfig | false {
  if (value === false) return false
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new OptionsError(where, 'expected { style, ... } or false')
  const { style, ...rest } = value as Record<string, unknown>
  if (typeof style !== 'string' || !(style in KEYS)) throw new OptionsError(`${where}.style`, 'expected "link", "cursor", "offset" or "page"')
  const allowed = KEYS[style as PaginationConfig['style']]
  for (const [key, v] of Object.entries(rest)) {
    const type = allowed[key]
    if (!type) throw new OptionsError(`${where}.${key}`, `unknown option for style "${style}"; expected ${Object.keys(allowed).join(', ')}`)
    if (typeof v !== type || (type === 'string' && v === '') || (type === 'number' && !Number.isInteger(v))) {
      throw new OptionsError(`${where}.${key}`, type === 'string' ? 'expected a non-empty string' : 'expected an integer')
    }
  }
  for (const key of REQUIRED[style as PaginationConfig['style']] ?? []) {
    if (rest[key] === undefined) throw new OptionsError(`${where}.${key}`, `required for style "${style}"`)
  }
  return { style, ...rest } as PaginationConfig
}

/**
 * The configuration of one operation: its own entry, else `"*"` for GET. An entry naming no
 * operation of the document is an error (a renamed operationId would otherwise silently stop paging).
 */
export function paginationFor(options: PaginationOptions | undefined, op: { id: string; method: string }): PaginationConfig | undefined {
  if (!options) return undefined
  const own = options[op.id]
  if (own !== undefined) return own || undefined
  const all = options['*']
  return all && op.method === 'GET' ? all : undefined
}

export function checkPaginationTargets(where: string, options: PaginationOptions | undefined, operationIds: readonly string[]): void {
  if (!options) return
  const known = new Set(operationIds)
  for (const key of Object.keys(options)) {
    if (key !== '*' && !known.has(key)) throw new OptionsError(`${where}.${key}`, 'no operation of the document has this operationId')
  }
}
