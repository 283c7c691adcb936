import { RequestError } from '../errors/request-error'
import { isJsonType } from '../http/media-type'
import type { ParameterDef, ParameterStyle } from './types'

/**
 * Parameter serialization per OpenAPI 3 `style`/`explode` (OAS 3.1 §4.8.12.4). Returns already
 * percent-encoded text; `allowReserved` keeps RFC 3986 reserved characters as they are. A value a
 * style cannot express (an object inside an array...) is refused, never sent as `[object Object]`.
 */

export type Pair = [name: string, value: string]
export type Encode = (v: string) => string

// allowReserved keeps RFC 3986 reserved characters literal, except `#`, which would end the URL.
const RESERVED = /%(3A|2F|3F|5B|5D|40|21|24|26|27|28|29|2A|2B|2C|3B|3D)/gi
const enc = (v: string, allowReserved?: boolean): string =>
  allowReserved ? encodeURIComponent(v).replace(RESERVED, (m) => decodeURIComponent(m)) : encodeURIComponent(v)

function scalar(v: unknown): string {
  if (v instanceof Date) return v.toISOString()
  if (v === null) return ''
  return String(v)
}

export const isObject = (v: unknown): v is Record<string, unknown> => {
  const proto = typeof v === 'object' && v !== null && Object.getPrototypeOf(v)
  return proto === Object.prototype || proto === null
}
/** `an array`, `an object`, `a Map`, `a function`: for messages. */
export const kind = (v: unknown): string =>
  Array.isArray(v) ? 'an array' : isObject(v) ? 'an object' : v === undefined ? 'undefined' : `a ${typeof v === 'object' ? v!.constructor?.name : typeof v}`
const text = (v: unknown): boolean => v === null || v instanceof Date || /^(st|b|n)/.test(typeof v) // string, boolean, bigint, number

/** The reason only; `located` puts the operation and the parameter's name in front. */
const refuse = (why: string): never => {
  throw new RequestError(why, { code: 'ERR_PARAMETER_VALUE' })
}

/** A style other than deepObject carries a scalar, or an array or object of scalars. */
function flat(v: unknown, style: string): void {
  const within = Array.isArray(v) ? 'an array' : isObject(v) ? 'an object' : ''
  // Members left undefined are left out; array items must all be values.
  const items = within === 'an object' ? Object.values(v as object).filter((x) => x !== undefined) : within ? (v as unknown[]) : [v]
  for (const x of items)
    if (!text(x))
      refuse(`${within ? `holds ${kind(x)} inside ${within}` : `is ${kind(x)}`}, which style ${style} cannot express (JSON needs content: application/json)`)
}

/** A `content` parameter: JSON text for a JSON media type, else the value's own text. */
export function contentText(p: ParameterDef, value: unknown): string {
  if (isJsonType(p.contentType)) return JSON.stringify(value)
  if (!text(value)) refuse(`is ${kind(value)}, which content ${p.contentType} cannot carry`)
  return scalar(value)
}

function defaults(p: ParameterDef): { style: ParameterStyle; explode: boolean } {
  const style = p.style ?? (p.in === 'query' || p.in === 'cookie' ? 'form' : 'simple')
  return { style, explode: p.explode ?? style === 'form' }
}

/**
 * The path styles (simple, label, matrix) without `content`: each style is its own function so a
 * generated operation imports only those its parameters use (see `OperationParts`).
 */
export function pathStyle(p: ParameterDef, value: unknown): string {
  const { style, explode } = defaults(p)
  flat(value, style)
  const e = (v: unknown): string => enc(scalar(v), p.allowReserved)
  const prefix = style === 'label' ? '.' : style === 'matrix' ? ';' : ''
  if (Array.isArray(value)) {
    if (style === 'matrix') return explode ? value.map((v) => `;${p.name}=${e(v)}`).join('') : `;${p.name}=${value.map(e).join(',')}`
    return prefix + value.map(e).join(explode && style === 'label' ? '.' : ',')
  }
  if (isObject(value)) {
    const entries = Object.entries(value).filter(([, v]) => v !== undefined)
    if (explode) {
      const sep = style === 'simple' ? ',' : prefix
      return (style === 'simple' ? '' : prefix) + entries.map(([k, v]) => `${e(k)}=${e(v)}`).join(sep)
    }
    const flat = entries.flatMap(([k, v]) => [e(k), e(v)]).join(',')
    return style === 'matrix' ? `;${p.name}=${flat}` : prefix + flat
  }
  return style === 'matrix' ? `;${p.name}${value === '' ? '' : `=${e(value)}`}` : prefix + e(value)
}

/** A path parameter's replacement text (simple, label, matrix, or `content`). */
export function serializePathParam(p: ParameterDef, value: unknown): string {
  return p.contentType ? enc(contentText(p, value)) : pathStyle(p, value)
}

// Nesting is what deepObject names (`a[b][c]`, array items by index: the qs convention), though
// the specification leaves nested values undefined for it.
function deepObject(name: string, value: unknown, out: Pair[], encode: Encode): void {
  if (isObject(value)) for (const [k, v] of Object.entries(value)) deepObject(`${name}[${k}]`, v, out, encode)
  else if (Array.isArray(value)) value.forEach((v, i) => deepObject(`${name}[${i}]`, v, out, encode))
  else if (value !== undefined) {
    if (!text(value)) refuse(`holds ${kind(value)}, which deepObject cannot express`)
    out.push([name, encode(scalar(value))])
  }
}

const same: Encode = (v) => v

/** Query or cookie pairs of style deepObject. */
export function deepObjectPairs(p: ParameterDef, value: unknown, encode: Encode = same): Pair[] {
  const out: Pair[] = []
  deepObject(p.name, value, out, encode)
  return out
}

/**
 * Query or cookie pairs of style form, spaceDelimited or pipeDelimited. `encode` applies to each
 * item, never to the delimiters between them, so `a,b` as one array item stays distinguishable
 * from two items (OAS 3.1.1 §4.8.12.4.1).
 */
export function formPairs(p: ParameterDef, value: unknown, encode: Encode = same): Pair[] {
  const { style, explode } = defaults(p)
  flat(value, style)
  const sep = style === 'spaceDelimited' ? encode(' ') : style === 'pipeDelimited' ? encode('|') : ','
  if (Array.isArray(value)) {
    if (explode) return value.map((v) => [p.name, encode(scalar(v))])
    return [[p.name, value.map((v) => encode(scalar(v))).join(sep)]]
  }
  if (isObject(value)) {
    const entries = Object.entries(value).filter(([, v]) => v !== undefined)
    if (explode) return entries.map(([k, v]) => [k, encode(scalar(v))])
    return [[p.name, entries.flatMap(([k, v]) => [encode(k), encode(scalar(v))]).join(sep)]]
  }
  return [[p.name, encode(scalar(value))]]
}

/** Query or cookie pairs for one parameter, any style; names are not encoded. Without `encode`, values are plain text. */
export function parameterPairs(p: ParameterDef, value: unknown, encode: Encode = same): Pair[] {
  if (value === undefined) return []
  if (p.contentType) return [[p.name, encode(contentText(p, value))]]
  return (p.style === 'deepObject' ? deepObjectPairs : formPairs)(p, value, encode)
}

/** The encoder of a query value: percent-encoding, reserved characters kept with allowReserved. */
export const queryEncoder =
  (p: ParameterDef): Encode =>
  (x) =>
    enc(x, p.allowReserved)

/** The query string (without `?`) for an operation's query parameters, any style. */
export function serializeQuery(params: readonly ParameterDef[], values: Record<string, unknown> | undefined, where = ''): string {
  if (!values) return ''
  const parts: string[] = []
  for (const p of params) {
    if (p.in !== 'query') continue
    located(where, `query parameter "${p.name}"`, () => {
      for (const [n, v] of parameterPairs(p, values[p.name], queryEncoder(p))) parts.push(`${encodeURIComponent(n)}=${v}`)
    })
  }
  return parts.join('&')
}

/** A header parameter's value of style simple (without `content`). */
export function headerStyle(p: ParameterDef, value: unknown): string {
  flat(value, 'simple')
  const explode = p.explode ?? false
  if (Array.isArray(value)) return value.map(scalar).join(',')
  if (isObject(value)) {
    const entries = Object.entries(value).filter(([, v]) => v !== undefined)
    return explode ? entries.map(([k, v]) => `${k}=${scalar(v)}`).join(',') : entries.flatMap(([k, v]) => [k, scalar(v)]).join(',')
  }
  return scalar(value)
}

/** A header parameter's value (style simple, or `content`). */
export function serializeHeaderParam(p: ParameterDef, value: unknown): string {
  return p.contentType ? contentText(p, value) : headerStyle(p, value)
}

/**
 * Runs a serializer, naming the value in what it refuses (`where: label reason`); the bare
 * URIError encodeURIComponent throws on a lone surrogate becomes a RequestError too.
 */
export function located<T>(where: string, label: string, run: () => T): T {
  try {
    return run()
  } catch (error) {
    const uri = error instanceof URIError
    if (!uri && (error as RequestError).code !== 'ERR_PARAMETER_VALUE') throw error
    const why = uri ? 'is not well-formed Unicode (a lone surrogate), so it cannot be percent-encoded' : (error as Error).message
    throw new RequestError(`${where ? `${where}: ` : ''}${label} ${why}`, { code: 'ERR_PARAMETER_VALUE', cause: error })
  }
}
