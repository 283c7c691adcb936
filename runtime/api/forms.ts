import { isJsonType } from '../http/media-type'
import { located, parameterPairs } from './params'
import type { EncodingDef } from './types'

// form-urlencoded and multipart bodies: a runtime feature (`formsFeature`), so that documents
// without them leave this out of the bundle.

const formEncode = (v: string): string => encodeURIComponent(v).replace(/%20/g, '+')
const json = (v: unknown): string => (typeof v === 'string' ? v : JSON.stringify(v))
const nested = (v: unknown): boolean => typeof v === 'object' && v !== null && !(v instanceof Date) && !(v instanceof Blob)

/**
 * Fields per OAS 3.1.1, "Encoding the x-www-form-urlencoded Media Type": `style`, `explode` or
 * `allowReserved` in a field's encoding choose the query styles (its contentType is then
 * ignored); otherwise the contentType decides, by default JSON for an object (one field holding
 * its JSON text) and, for an array, per item. A string under a JSON type is taken as JSON already.
 * Items are encoded one by one so a delimiter (`ids=1,2`) stays apart from a comma inside one.
 */
export function formUrlEncoded(value: Record<string, unknown>, encoding: Record<string, EncodingDef> | undefined, where: string): string {
  const parts: string[] = []
  for (const [name, v] of Object.entries(value)) {
    const e = encoding?.[name]
    const type = e?.contentType
    const style = e?.style ?? 'form'
    const pairs = located(where, `form field "${name}"`, () =>
      e && (e.style || e.explode !== undefined || e.allowReserved)
        ? parameterPairs({ name, in: 'query', style, explode: e.explode ?? style === 'form' }, v, formEncode)
        : type && isJsonType(type)
          ? [[name, formEncode(json(v))]]
          : v === undefined
            ? []
            : (Array.isArray(v) ? v : [v]).flatMap((x) =>
                !type && nested(x)
                  ? [[name, formEncode(JSON.stringify(x))]]
                  : parameterPairs({ name, in: 'query', contentType: type ?? 'text/plain' }, x, formEncode),
              ),
    )
    for (const [k, x] of pairs) parts.push(`${formEncode(k!)}=${x}`)
  }
  return parts.join('&')
}

export function multipart(value: Record<string, unknown>, encoding: Record<string, EncodingDef> | undefined): FormData {
  const form = new FormData()
  for (const [name, v] of Object.entries(value)) {
    if (v === undefined) continue
    const type = encoding?.[name]?.contentType
    const asJson = !!type && isJsonType(type)
    for (const item of Array.isArray(v) && !asJson ? v : [v]) {
      // The encoding object's contentType labels a part whose Blob has no type of its own.
      if (item instanceof Blob) form.append(name, type && !item.type ? new Blob([item], { type }) : item, (item as File).name ?? 'blob')
      // A string under a JSON type is that JSON as it is, not quoted again.
      else if (asJson || nested(item)) form.append(name, new Blob([json(item)], { type: type ?? 'application/json' }))
      else form.append(name, item instanceof Date ? item.toISOString() : String(item))
    }
  }
  return form
}
