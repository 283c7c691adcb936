import { RequestError } from '../errors/request-error'
import type { ParameterDef, ParameterStyle } from './types'

/**
 * Parameter serialization per OpenAPI 3 `style`/`explode` (OAS 3.1 §4.8.12.4). Returns already
 * percent-encoded text; `allowReserved` keeps RFC 3986 reserved characters as they are. A value a
 * style cannot express (an object inside an array...) is refused, never sent as `[object Object]`.
 */

type Pair = [name: string, value: string]

// allowReserved keeps RFC 3986 reserved characters literal, except `#`, which would end the URL.
const RESERVED = /%(3A|2F|3F|5B|5D|40|21|24|26|27|28|29|2A|2B|2C|3B|3D)/gi
const enc = (v: string, allowReserved?: boolean): string =>
  allowReserved ? encodeURIComponent(v).replace(RESERVED, (m) => decodeURIComponent(m)) : encodeURIComponent(v)

const isObject = (v: unknown): v is Record<string, unknown> => {
  const proto = typeof v === 'object' && v !== null ? Object.getPrototypeOf(v) : undefined
  return proto === Object.prototype || proto === null
}
const kind = (v: unknown): string =>
  Array.isArray(v) ? 'an array' : isObject(v) ? 'an object' : v === undefined ? 'undefined' : typeof v === 'object' ? `a ${(v as object).constructor?.name ?? 'object'}` : `a ${typeof v}`

/** The reason only; `located` puts the operation and the parameter's name in front. */
const refuse = (why: string): never => {
  throw new RequestError(why, { code: 'ERR_PARAMETER_VALUE' })
}

/** Text of one value; `inside` names the container when the value is an item or a member. */
function scalar(v: unknown, style: string, inside = ''): string {
  if (v instanceof Date) return v.toISOString()
  if (v === null) return ''
  const t = typeof v
  if (t === 'string' || t === 'number' || t === 'boolean' || t === 'bigint') return String(v)
  return refuse(`${inside ? `holds ${kind(v)} inside ${inside}` : `is ${kind(v)}`}, which style "${style}" cannot express (describe the parameter with content: application/json to send JSON)`)
}

const isJsonType = (type: string): boolean => /json/i.test(type)

/** A `content` parameter: JSON text for a JSON media type, else the value's own text. */
function contentText(p: ParameterDef, value: unknown): string {
  const type = p.contentType!
  if (isJsonType(type)) return JSON.stringify(value)
  if (typeof value === 'object' && value !== null && !(value instanceof Date)) refuse(`is ${kind(value)}, which content "${type}" cannot carry (only text)`)
  return scalar(value, type)
}

function defaults(p: ParameterDef): { style: ParameterStyle; explode: boolean } {
  const style = p.style ?? (p.in === 'query' || p.in === 'cookie' ? 'form' : 'simple')
  return { style, explode: p.explode ?? style === 'form' }
}

const members = (v: Record<string, unknown>): [string, unknown][] => Object.entries(v).filter(([, x]) => x !== undefined)

/** A path parameter's replacement text (simple, label, matrix). */
export function serializePathParam(p: ParameterDef, value: unknown): string {
  const { style, explode } = defaults(p)
  if (p.contentType) return enc(contentText(p, value))
  const item = (v: unknown): string => enc(scalar(v, style, 'an array'), p.allowReserved)
  const member = (v: unknown): string => enc(scalar(v, style, 'an object'), p.allowReserved)
  const e = (v: string): string => enc(v, p.allowReserved)
  const prefix = style === 'label' ? '.' : style === 'matrix' ? ';' : ''
  if (Array.isArray(value)) {
    if (style === 'matrix') return explode ? value.map((v) => `;${p.name}=${item(v)}`).join('') : `;${p.name}=${value.map(item).join(',')}`
    return prefix + value.map(item).join(explode && style === 'label' ? '.' : ',')
  }
  if (isObject(value)) {
    const entries = members(value)
    if (explode) {
      const sep = style === 'simple' ? ',' : prefix
      return (style === 'simple' ? '' : prefix) + entries.map(([k, v]) => `${e(k)}=${member(v)}`).join(sep)
    }
    const flat = entries.flatMap(([k, v]) => [e(k), member(v)]).join(',')
    return style === 'matrix' ? `;${p.name}=${flat}` : prefix + flat
  }
  const text = enc(scalar(value, style), p.allowReserved)
  return style === 'matrix' ? `;${p.name}${value === '' ? '' : `=${text}`}` : prefix + text
}

// Nesting is what deepObject names (`a[b][c]`, arrays by index: the qs convention), though the
// specification leaves nested values undefined for it.
function deepObject(name: string, value: unknown, out: Pair[], encode: (v: string) => string): void {
  if (isObject(value)) for (const [k, v] of Object.entries(value)) deepObject(`${name}[${k}]`, v, out, encode)
  else if (Array.isArray(value)) value.forEach((v, i) => deepObject(`${name}[${i}]`, v, out, encode))
  else if (value !== undefined) out.push([name, encode(scalar(value, 'deepObject'))])
}

const same = (v: string): string => v

/**
 * Query or cookie pairs for one parameter; names are not encoded. `encode` applies to each item,
 * never to the delimiters between them, so `a,b` as one array item stays distinguishable from two
 * items (OAS 3.1.1 §4.8.12.4.1). Without `encode`, values are plain text.
 */
export function parameterPairs(p: ParameterDef, value: unknown, encode: (v: string) => string = same): Pair[] {
  if (value === undefined) return []
  if (p.contentType) return [[p.name, encode(contentText(p, value))]]
  const { style, explode } = defaults(p)
  if (style === 'deepObject') {
    const out: Pair[] = []
    deepObject(p.name, value, out, encode)
    return out
  }
  const item = (v: unknown): string => encode(scalar(v, style, 'an array'))
  const member = (v: unknown): string => encode(scalar(v, style, 'an object'))
  const sep = style === 'spaceDelimited' ? encode(' ') : style === 'pipeDelimited' ? encode('|') : ','
  if (Array.isArray(value)) {
    if (explode) return value.map((v) => [p.name, item(v)])
    return [[p.name, value.map(item).join(sep)]]
  }
  if (isObject(value)) {
    const entries = members(value)
    if (explode) return entries.map(([k, v]) => [k, member(v)])
    return [[p.name, entries.flatMap(([k, v]) => [encode(k), member(v)]).join(sep)]]
  }
  return [[p.name, encode(scalar(value, style))]]
}

/** The query string (without `?`) for an operation's query parameters. */
export function serializeQuery(params: readonly ParameterDef[], values: Record<string, unknown> | undefined, where = ''): string {
  if (!values) return ''
  const parts: string[] = []
  for (const p of params) {
    if (p.in !== 'query') continue
    const pairs = located(where, `query parameter "${p.name}"`, () => parameterPairs(p, values[p.name], (x) => enc(x, p.allowReserved)))
    for (const [n, v] of pairs) parts.push(`${located(where, `query parameter "${p.name}"`, () => encodeURIComponent(n))}=${v}`)
  }
  return parts.join('&')
}

/** A header parameter's value (style simple). */
export function serializeHeaderParam(p: ParameterDef, value: unknown): string {
  if (p.contentType) return contentText(p, value)
  const explode = p.explode ?? false
  const item = (v: unknown): string => scalar(v, 'simple', 'an array')
  const member = (v: unknown): string => scalar(v, 'simple', 'an object')
  if (Array.isArray(value)) return value.map(item).join(',')
  if (isObject(value)) {
    const entries = members(value)
    return explode ? entries.map(([k, v]) => `${k}=${member(v)}`).join(',') : entries.flatMap(([k, v]) => [k, member(v)]).join(',')
  }
  return scalar(value, 'simple')
}

/**
 * Runs a serializer and names the value in what it refuses: `where: label reason`. encodeURIComponent
 * throws a bare URIError on a lone surrogate; that becomes a RequestError too.
 */
export function located<T>(where: string, label: string, run: () => T): T {
  try {
    return run()
  } catch (error) {
    const prefix = `${where ? `${where}: ` : ''}${label}`
    if (error instanceof URIError) {
      throw new RequestError(`${prefix} is not well-formed Unicode (a lone surrogate), so it cannot be percent-encoded`, { code: 'ERR_PARAMETER_VALUE', cause: error })
    }
    if (error instanceof RequestError && error.code === 'ERR_PARAMETER_VALUE') {
      throw new RequestError(`${prefix} ${error.message}`, { code: 'ERR_PARAMETER_VALUE' })
    }
    throw error
  }
}
