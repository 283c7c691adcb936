import type { WsApiDef } from './types'

/**
 * Which inbound messages a decoded frame is: the user's `match` first, then property matchers
 * (`event: 'pong'`), then JSON-type matchers, then catch-alls. Colliding matchers (two messages
 * with the same `type` value) both get the frame. Pure.
 */
export function route(api: WsApiDef, frame: unknown, match?: (frame: unknown) => string | undefined): string[] {
  const chosen = match?.(frame)
  if (chosen !== undefined && api.messages[chosen]) return [chosen]
  const byProp: string[] = []
  const byType: string[] = []
  const any: string[] = []
  const object = typeof frame === 'object' && frame !== null && !Array.isArray(frame) ? (frame as Record<string, unknown>) : undefined
  for (const name of api.inbound) {
    const def = api.messages[name]
    if (!def) continue
    if (def.prop !== undefined) {
      if (object && def.values?.includes(object[def.prop] as string)) byProp.push(name)
    } else if (def.type !== undefined) {
      if (jsonType(frame) === def.type) byType.push(name)
    } else any.push(name)
  }
  return byProp.length > 0 ? byProp : byType.length > 0 ? byType : any
}

function jsonType(value: unknown): string {
  if (Array.isArray(value)) return 'array'
  return value === null ? 'null' : typeof value
}

/** The value at a JSON pointer inside a payload (`/reqid`), or undefined. */
export function readPointer(value: unknown, pointer: string): unknown {
  if (pointer === '') return value
  let current = value
  for (const raw of pointer.slice(1).split('/')) {
    const key = raw.replace(/~1/g, '/').replace(/~0/g, '~')
    if (typeof current !== 'object' || current === null) return undefined
    current = (current as Record<string, unknown>)[key]
  }
  return current
}
