import { RequestError } from '../errors/request-error'
import { parameterPairs } from './params'
import type { EncodingDef, RequestBodyDef } from './types'

export interface EncodedBody {
  body: BodyInit | undefined
  /** Undefined for FormData: fetch writes the multipart boundary itself. */
  contentType: string | undefined
}

const isJson = (type: string): boolean => /^application\/(?:[\w!#$%&*.^`~-]*\+)?json$/i.test(type) || type === '*/*'
const isPlainObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v) && !(v instanceof Blob) && !(v instanceof Date)

/** Encodes an operation's body as the chosen media type (JSON, text, form, multipart, binary). */
export function encodeBody(def: RequestBodyDef | undefined, value: unknown, chosen: string | undefined, where: string): EncodedBody {
  if (value === undefined) {
    if (def?.required) throw new RequestError(`${where}: the request body is required`, { code: 'ERR_BODY_REQUIRED' })
    return { body: undefined, contentType: undefined }
  }
  const types = def?.contentTypes ?? ['application/json']
  const type = chosen ?? types[0] ?? 'application/json'
  if (chosen && def && !types.includes(chosen)) {
    throw new RequestError(`${where}: contentType "${chosen}" is not one of ${types.join(', ')}`, { code: 'ERR_CONTENT_TYPE' })
  }
  const media = type.split(';', 1)[0]!.trim().toLowerCase()
  const encoding = def?.encoding?.[type]
  if (value instanceof FormData || value instanceof URLSearchParams) return { body: value, contentType: value instanceof FormData ? undefined : type }
  if (isJson(media)) return { body: JSON.stringify(value), contentType: media === '*/*' ? 'application/json' : type }
  if (media === 'application/x-www-form-urlencoded') return { body: formUrlEncoded(value, encoding), contentType: type }
  if (media === 'multipart/form-data' || media.startsWith('multipart/')) return { body: multipart(value, encoding), contentType: undefined }
  if (media.startsWith('text/')) return { body: String(value), contentType: type }
  // Binary and anything else: hand over what fetch can send as it is.
  if (typeof value === 'string' || value instanceof Blob || value instanceof ArrayBuffer || ArrayBuffer.isView(value) || value instanceof ReadableStream) {
    return { body: value as BodyInit, contentType: type }
  }
  throw new RequestError(`${where}: cannot send a ${typeof value} as ${type}`, { code: 'ERR_BODY_TYPE' })
}

const formEncode = (v: string): string => encodeURIComponent(v).replace(/%20/g, '+')

function formUrlEncoded(value: unknown, encoding: Record<string, EncodingDef> | undefined): string {
  if (!isPlainObject(value)) return String(value)
  const parts: string[] = []
  for (const [name, v] of Object.entries(value)) {
    const e = encoding?.[name]
    const pairs = e?.contentType && /json/i.test(e.contentType)
      ? [[name, formEncode(JSON.stringify(v))] as [string, string]]
      : // Nested objects default to deepObject (`a[b]=c`), what form parsers such as qs expect.
        // Items are encoded one by one so a delimiter (`ids=1,2`) stays distinguishable from a comma inside an item.
        parameterPairs({ name, in: 'query', style: e?.style ?? (isPlainObject(v) ? 'deepObject' : 'form'), explode: e?.explode ?? true }, v, formEncode)
    for (const [k, x] of pairs) parts.push(`${formEncode(k)}=${x}`)
  }
  return parts.join('&')
}

function multipart(value: unknown, encoding: Record<string, EncodingDef> | undefined): FormData {
  const form = new FormData()
  if (!isPlainObject(value)) throw new RequestError('multipart body must be an object of parts', { code: 'ERR_BODY_TYPE' })
  for (const [name, v] of Object.entries(value)) {
    if (v === undefined) continue
    const type = encoding?.[name]?.contentType
    for (const item of Array.isArray(v) && !(type && /json/i.test(type)) ? v : [v]) {
      // The encoding object's contentType labels a part whose Blob has no type of its own.
      if (item instanceof Blob) form.append(name, type && !item.type ? new Blob([item], { type }) : item, (item as File).name ?? 'blob')
      else if (isPlainObject(item) || Array.isArray(item) || (type && /json/i.test(type))) {
        form.append(name, new Blob([JSON.stringify(item)], { type: type ?? 'application/json' }))
      } else form.append(name, item instanceof Date ? item.toISOString() : String(item))
    }
  }
  return form
}
