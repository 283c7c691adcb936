import { RequestError } from '../errors/request-error'
import type { RuntimeFeatures } from '../http/features'
import { isJsonType, mediaType } from '../http/media-type'
import { isObject, kind } from './params'
import type { RequestBodyDef } from './types'

export interface EncodedBody {
  body: BodyInit | undefined
  /** Undefined for FormData: fetch writes the multipart boundary itself. */
  contentType: string | undefined
}

const isBytes = (v: unknown): v is BodyInit => v instanceof Blob || v instanceof ArrayBuffer || ArrayBuffer.isView(v) || v instanceof ReadableStream
/** `image/*` covers `image/png`; `*\/*` covers every type. */
const covers = (range: string, type: string): boolean =>
  range === '*/*' || (range.endsWith('/*') && type.toLowerCase().startsWith(range.slice(0, -1).toLowerCase()))

/** Encodes an operation's body as the chosen media type (JSON, text, form, multipart, binary). */
export function encodeBody(
  def: RequestBodyDef | undefined,
  value: unknown,
  chosen: string | undefined,
  where: string,
  forms?: RuntimeFeatures['forms'],
): EncodedBody {
  if (value === undefined) {
    if (def?.required) throw new RequestError(`${where}: the request body is required`, { code: 'ERR_BODY_REQUIRED' })
    return { body: undefined, contentType: undefined }
  }
  const types = def?.contentTypes ?? ['application/json']
  // The document's media type: the one named, or a range (`image/*`) covering it.
  const declared = chosen === undefined ? (types[0] ?? 'application/json') : types.find((t) => t === chosen || covers(t, chosen))
  if (!declared) throw new RequestError(`${where}: contentType "${chosen}" is not one of ${types.join(', ')}`, { code: 'ERR_CONTENT_TYPE' })
  let type = declared
  if (declared.includes('*')) {
    // A range is no Content-Type: the caller's type within it, else the Blob's own; `*/*` falls back to JSON or octet-stream.
    type =
      chosen ??
      (value instanceof Blob && covers(declared, value.type)
        ? value.type
        : declared === '*/*'
          ? isBytes(value)
            ? 'application/octet-stream'
            : 'application/json'
          : '')
    if (!type) throw new RequestError(`${where}: ${declared} is a range: pass contentType, or a Blob of that type`, { code: 'ERR_CONTENT_TYPE' })
  }
  const media = mediaType(type)
  const encoding = def?.encoding?.[declared]
  if (value instanceof FormData || value instanceof URLSearchParams) return { body: value, contentType: value instanceof FormData ? undefined : type }
  if (isJsonType(media)) return { body: JSON.stringify(value), contentType: type }
  const form = media === 'application/x-www-form-urlencoded'
  if (form || media.startsWith('multipart/')) {
    if (form && typeof value === 'string') return { body: value, contentType: type }
    if (!isObject(value)) throw new RequestError(`${where}: the ${media} body must be an object of fields, not ${kind(value)}`, { code: 'ERR_BODY_TYPE' })
    if (!forms) throw new RequestError(`${where}: ${media} bodies need formsFeature (or pass FormData / URLSearchParams)`, { code: 'ERR_BODY_TYPE' })
    return form ? { body: forms.urlencoded(value, encoding, where), contentType: type } : { body: forms.multipart(value, encoding), contentType: undefined }
  }
  if (media.startsWith('text/') && (typeof value !== 'object' || value === null)) return { body: String(value), contentType: type }
  // Binary and anything else: hand over what fetch can send as it is.
  if (typeof value === 'string' || isBytes(value)) return { body: value, contentType: type }
  throw new RequestError(`${where}: cannot send ${kind(value)} as ${type}`, { code: 'ERR_BODY_TYPE' })
}
