import { need } from './need'
import type { Encode, Pair } from './params'
import type { OperationParts, ParameterDef } from './types'

/** Query or cookie pairs for one parameter, with the style's part. */
export function pairs(p: ParameterDef, value: unknown, encode: Encode | undefined, parts: OperationParts, where: string): Pair[] {
  if (p.contentType) {
    const text = need(parts, 'content', where)(p, value)
    return [[p.name, encode ? encode(text) : text]]
  }
  return need(parts, p.style === 'deepObject' ? 'deepObject' : 'form', where)(p, value, encode ?? ((v) => v))
}
