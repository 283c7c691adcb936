import { deref, getPointer, isObject, type Json } from './json'

/**
 * How an incoming frame is told to be a message: the value of one top-level payload property
 * (`event: 'heartbeat'`), else the JSON type of the frame (`string`), else anything (`{}`).
 * The runtime tries property matchers first, then type matchers, then catch-alls.
 */
export interface MessageMatcher {
  prop?: string
  values?: Array<string | number | boolean>
  type?: 'string' | 'number' | 'boolean' | 'object' | 'array'
}

type Candidates = Map<string, Array<string | number | boolean>>

/**
 * The property that tells this message apart: the schema's `discriminator` when it has values, else
 * the `const`/`enum` property most other inbound messages also carry (Kraken's `event`, Slack's `type`).
 */
export function matcherFor(document: Json, message: { payload?: string }, inbound: ReadonlyArray<{ payload?: string }>): MessageMatcher {
  const schema = message.payload ? deref(document, getPointer(document, message.payload))?.value : undefined
  const own = candidates(document, schema, 0)
  if (own.size > 0) {
    const discriminator = isObject(schema) && typeof schema.discriminator === 'string' ? schema.discriminator : undefined
    const score = (prop: string): number =>
      inbound.filter((m) => m.payload && candidates(document, deref(document, getPointer(document, m.payload))?.value, 0).has(prop)).length
    const prop = discriminator && own.has(discriminator) ? discriminator : [...own.keys()].sort((a, b) => score(b) - score(a))[0]!
    return { prop, values: own.get(prop)! }
  }
  const type = isObject(schema) && typeof schema.type === 'string' ? schema.type : undefined
  if (type === 'string' || type === 'boolean' || type === 'object' || type === 'array') return { type }
  if (type === 'number' || type === 'integer') return { type: 'number' }
  return {}
}

/** Top-level properties with literal values, through `allOf` (all apply) and `oneOf`/`anyOf` (every branch must have it). */
function candidates(document: Json, raw: unknown, depth: number): Candidates {
  const out: Candidates = new Map()
  const schema = deref(document, raw)?.value
  if (!isObject(schema) || depth > 8) return out
  if (isObject(schema.properties)) {
    for (const [prop, value] of Object.entries(schema.properties)) {
      const literal = literals(deref(document, value)?.value)
      if (literal) out.set(prop, literal)
    }
  }
  if (Array.isArray(schema.allOf)) {
    for (const part of schema.allOf) for (const [prop, values] of candidates(document, part, depth + 1)) if (!out.has(prop)) out.set(prop, values)
  }
  for (const key of ['oneOf', 'anyOf'] as const) {
    const branches = schema[key]
    if (!Array.isArray(branches) || branches.length === 0) continue
    const each = branches.map((branch) => candidates(document, branch, depth + 1))
    for (const prop of each[0]!.keys()) {
      if (out.has(prop) || !each.every((c) => c.has(prop))) continue
      out.set(prop, [...new Set(each.flatMap((c) => c.get(prop)!))])
    }
  }
  return out
}

function literals(schema: unknown): Array<string | number | boolean> | undefined {
  if (!isObject(schema)) return undefined
  const ok = (v: unknown): v is string | number | boolean => typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean'
  if (ok(schema.const)) return [schema.const]
  if (Array.isArray(schema.enum) && schema.enum.length > 0 && schema.enum.every(ok)) return schema.enum as Array<string | number | boolean>
  return undefined
}
