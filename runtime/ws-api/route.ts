import type { WsMessageDef } from './types'

export type Router = (frame: unknown, match?: (frame: unknown) => string | undefined) => string[]

/**
 * Which of a connection's inbound messages a decoded frame is: the user's `match` first, then
 * property matchers (`event: 'pong'`), then JSON-type matchers, then catch-alls. Colliding matchers
 * (two messages with the same `type` value) both get the frame. The matchers are indexed once per
 * connection (property, then value), so a frame costs one lookup per routing property however many
 * messages the document has. Pure.
 */
export function createRouter(inbound: readonly WsMessageDef[]): Router {
  const byProp = new Map<string, Map<unknown, string[]>>()
  const byType = new Map<string, string[]>()
  const any: string[] = []
  const add = <K>(map: Map<K, string[]>, key: K, name: string): void => void map.set(key, [...(map.get(key) ?? []), name])
  for (const { name, in: matcher = {} } of inbound) {
    if (matcher.prop !== undefined) {
      const values = byProp.get(matcher.prop) ?? new Map<unknown, string[]>()
      byProp.set(matcher.prop, values)
      for (const value of matcher.values ?? []) add(values, value, name)
    } else if (matcher.type !== undefined) add(byType, matcher.type, name)
    else any.push(name)
  }
  const names = new Set(inbound.map((m) => m.name))
  return (frame, match) => {
    const chosen = match?.(frame)
    if (chosen !== undefined && names.has(chosen)) return [chosen]
    if (typeof frame === 'object' && frame !== null && !Array.isArray(frame)) {
      let hits: string[] = []
      for (const [prop, values] of byProp) hits = hits.concat(values.get((frame as Record<string, unknown>)[prop]) ?? [])
      if (hits.length > 0) return hits
    }
    return byType.get(jsonType(frame)) ?? any
  }
}

/** One frame through `createRouter(inbound)`: for callers that route once. */
export function route(inbound: readonly WsMessageDef[], frame: unknown, match?: (frame: unknown) => string | undefined): string[] {
  return createRouter(inbound)(frame, match)
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
