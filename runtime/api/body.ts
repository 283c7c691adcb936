import { RequestError } from '../errors/request-error'
import { located, parameterPairs } from './params'
import type { EncodingDef, RequestBodyDef } from './types'

export interface EncodedBody {
  body: BodyInit | undefined
  /** Undefined for FormData: fetch writes the multipart boundary itself. */
  contentType: string | undefined
}

type Pair = [name: string, value: string]

const isJson = (type: string): boolean => /^application\/(?:[\w!#$%&*.^`~-]*\+)?json$/i.test(type)
const isPlainObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v) && !(v instanceof Blob) && !(v instanceof Date)
const isBytes = (v: unknown): v is BodyInit => v instanceof Blob || v instanceof ArrayBuffer || ArrayBuffer.isView(v) || v instanceof ReadableStream
const essence = (type: string): string => type.split(';', 1)[0]!.trim().toLowerCase()
/** `image/*` covers `image/png`; `*\/*` covers every type. */
const covers = (range: string, type: string): boolean => {
  const [r, t] = [essence(range), essence(type)]
  return r === '*/*' || r === t || (r.endsWith('/*') && t.startsWith(r.slice(0, -1)))
}

/** Encodes an operation's body as the chosen media type (JSON, text, form, multipart, binary). */
export function encodeBody(def: RequestBodyDef | undefined, value: unknown, chosen: string | undefined, where: string): EncodedBody {
  if (value === undefined) {
    if (def?.required) throw new RequestError(`${where}: the request body is required`, { code: 'ERR_BODY_REQUIRED' })
    return { body: undefined, contentType: undefined }
  }
  const types = def?.contentTypes ?? ['application/json']
  // The document's media type this body is sent as: the one named, or a range (`image/*`) covering it.
  const declared = chosen === undefined ? types[0] ?? 'application/json' : types.includes(chosen) ? chosen : types.find((t) => t.includes('*') && covers(t, chosen))
  if (declared === undefined) {
    throw new RequestError(`${where}: contentType "${chosen}" is not one of ${types.join(', ')}`, { code: 'ERR_CONTENT_TYPE' })
  }
  const type = concrete(declared, chosen, value, where)
  const media = essence(type)
  const encoding = def?.encoding?.[declared]
  if (value instanceof FormData || value instanceof URLSearchParams) return { body: value, contentType: value instanceof FormData ? undefined : type }
  if (isJson(media)) return { body: JSON.stringify(value), contentType: type }
  if (media === 'application/x-www-form-urlencoded') return { body: formUrlEncoded(value, encoding, where), contentType: type }
  if (media.startsWith('multipart/')) return { body: multipart(value, encoding, where), contentType: undefined }
  if (media.startsWith('text/') && !isBytes(value)) {
    if (typeof value === 'object' && value !== null) throw new RequestError(`${where}: cannot send ${describe(value)} as ${type} (text)`, { code: 'ERR_BODY_TYPE' })
    return { body: String(value), contentType: type }
  }
  // Binary and anything else: hand over what fetch can send as it is.
  if (typeof value === 'string' || isBytes(value)) return { body: value, contentType: type }
  throw new RequestError(`${where}: cannot send ${describe(value)} as ${type}`, { code: 'ERR_BODY_TYPE' })
}

const describe = (v: unknown): string => (Array.isArray(v) ? 'an array' : typeof v === 'object' ? 'an object' : `a ${typeof v}`)

/**
 * A range (`image/*`) is no Content-Type: send the caller's `contentType` or the Blob's own type
 * within it. `*\/*` without either keeps the old reading: plain values as JSON, bytes as octet-stream.
 */
function concrete(declared: string, chosen: string | undefined, value: unknown, where: string): string {
  if (!declared.includes('*')) return declared
  if (chosen !== undefined && chosen !== declared) return chosen
  if (value instanceof Blob && value.type && covers(declared, value.type)) return value.type
  if (essence(declared) === '*/*') return isBytes(value) ? 'application/octet-stream' : 'application/json'
  throw new RequestError(`${where}: "${declared}" is a range of media types: pass contentType (such as "${declared.replace('*', 'example')}") or a Blob of that type`, { code: 'ERR_CONTENT_TYPE' })
}

const formEncode = (v: string): string => encodeURIComponent(v).replace(/%20/g, '+')
const json = (v: unknown): string => (typeof v === 'string' ? v : JSON.stringify(v))

function formUrlEncoded(value: unknown, encoding: Record<string, EncodingDef> | undefined, where: string): string {
  if (typeof value === 'string') return value
  if (!isPlainObject(value)) throw new RequestError(`${where}: a form body is an object of fields (or its encoded text), not ${describe(value)}`, { code: 'ERR_BODY_TYPE' })
  const parts: string[] = []
  for (const [name, v] of Object.entries(value)) {
    if (v === undefined) continue
    for (const [k, x] of located(where, `form field "${name}"`, () => formField(name, v, encoding?.[name]))) parts.push(`${formEncode(k)}=${x}`)
  }
  return parts.join('&')
}

/**
 * One form field (OAS 3.1.1, "Encoding the x-www-form-urlencoded Media Type"): `style`, `explode`
 * or `allowReserved` in its encoding choose the query styles (contentType is then ignored);
 * otherwise the contentType decides, by default JSON for an object (one field holding its JSON
 * text) and, for an array, per item. Items are encoded one by one so a delimiter (`ids=1,2`)
 * stays distinguishable from a comma inside an item.
 */
function formField(name: string, v: unknown, e: EncodingDef | undefined): Pair[] {
  if (e && (e.style !== undefined || e.explode !== undefined || e.allowReserved)) {
    const style = e.style ?? 'form'
    return parameterPairs({ name, in: 'query', style, explode: e.explode ?? style === 'form' }, v, formEncode)
  }
  if (e?.contentType ? isJson(essence(e.contentType)) : isPlainObject(v)) return [[name, formEncode(json(v))]]
  const text = (x: unknown): Pair[] => parameterPairs({ name, in: 'query', contentType: e?.contentType ?? 'text/plain' }, x, formEncode)
  if (!Array.isArray(v)) return text(v)
  return v.flatMap((x) => (!e?.contentType && (isPlainObject(x) || Array.isArray(x)) ? [[name, formEncode(JSON.stringify(x))] as Pair] : text(x)))
}

function multipart(value: unknown, encoding: Record<string, EncodingDef> | undefined, where: string): FormData {
  const form = new FormData()
  if (!isPlainObject(value)) throw new RequestError(`${where}: a multipart body is an object of parts, not ${describe(value)}`, { code: 'ERR_BODY_TYPE' })
  for (const [name, v] of Object.entries(value)) {
    if (v === undefined) continue
    const type = encoding?.[name]?.contentType
    const asJson = type !== undefined && isJson(essence(type))
    for (const item of Array.isArray(v) && !asJson ? v : [v]) {
      // The encoding object's contentType labels a part whose Blob has no type of its own.
      if (item instanceof Blob) form.append(name, type && !item.type ? new Blob([item], { type }) : item, (item as File).name ?? 'blob')
      // A string is the part's text as it is, even under a JSON type (it is taken as JSON already).
      else if (isPlainObject(item) || Array.isArray(item) || (asJson && typeof item !== 'string')) {
        form.append(name, new Blob([JSON.stringify(item)], { type: type ?? 'application/json' }))
      } else if (asJson) form.append(name, new Blob([item as string], { type }))
      else form.append(name, item instanceof Date ? item.toISOString() : String(item))
    }
  }
  return form
}
