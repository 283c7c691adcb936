import type { WsMessageDef } from './types'

/**
 * Which of a connection's inbound messages a decoded frame is: the user's `match` first, then
 * property matchers (`event: 'pong'`), then JSON-type matchers, then catch-alls. Colliding matchers
 * (two messages with the same `type` value) both get the frame. Pure.
 */
export function route(inbound: readonly WsMessageDef[], frame: unknown, match?: (frame: unknown) => string | undefined): string[] {
  const chosen = match?.(frame)
  if (chosen !== undefined && inbound.some((m) => m.name === chosen)) return [chosen]
  const byProp: string[] = []
  const byType: string[] = []
  const any: string[] = []
  const object = typeof frame === 'object' && frame !== null && !Array.isArray(frame) ? (frame as Record<string, unknown>) : undefined
  for (const { name, in: matcher = {} } of inbound) {
    if (matcher.prop !== undefined) {
      if (object && matcher.values?.includes(object[matcher.prop] as string)) byProp.push(name)
    } else if (matcher.type !== undefined) {
      if (jsonType(frame) === matcher.type) byType.push(name)
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
