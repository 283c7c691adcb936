import type { WsMessageDef } from './types'

/** Which messages a decoded frame is; `size` is how many messages it routes to. */
export interface Router {
  (frame: unknown, match?: (frame: unknown) => string | undefined): string[]
  size: number
}

/**
 * Which of a connection's inbound messages (those given and the replies of its requests) a decoded
 * frame is: the user's `match` first, then property matchers (`event: 'pong'`), then JSON-type
 * matchers, then catch-alls. Colliding matchers (two messages with the same `type` value) both get
 * the frame. The matchers are indexed once per connection (property, then value), so a frame costs
 * one lookup per routing property however many messages the document has. Pure.
 */
export function createRouter(messages: readonly WsMessageDef[]): Router {
  const byProp = new Map<string, Map<unknown, string[]>>()
  // By JSON type; '' holds the catch-alls.
  const byType = new Map<unknown, string[]>()
  const names = new Set<string>()
  const add = (map: Map<unknown, string[]>, key: unknown, name: string): void => void map.set(key, [...(map.get(key) ?? []), name])
  for (const m of messages) {
    for (const { name, in: matcher } of [m, ...(m.replies?.() ?? [])]) {
      if (!matcher || names.has(name)) continue
      names.add(name)
      const { prop, values = [], type = '' } = matcher
      if (prop === undefined) add(byType, type, name)
      else {
        const byValue = byProp.get(prop) ?? new Map<unknown, string[]>()
        byProp.set(prop, byValue)
        for (const value of values) add(byValue, value, name)
      }
    }
  }
  const router = ((frame, match) => {
    const chosen = match?.(frame)
    if (chosen !== undefined && names.has(chosen)) return [chosen]
    let hits: string[] = []
    // Read on any frame: a string's or an array's own members never equal a routing value of the document.
    for (const [prop, byValue] of byProp) hits = hits.concat(byValue.get((frame as Record<string, unknown> | null)?.[prop]) ?? [])
    return hits.length > 0 ? hits : (byType.get(Array.isArray(frame) ? 'array' : frame === null ? 'null' : typeof frame) ?? byType.get('') ?? [])
  }) as Router
  router.size = names.size
  return router
}

/** One frame through `createRouter(messages)`: for callers that route once. */
export function route(messages: readonly WsMessageDef[], frame: unknown, match?: (frame: unknown) => string | undefined): string[] {
  return createRouter(messages)(frame, match)
}

/** The value at a JSON pointer inside a payload (`/reqid`), or undefined. */
export function readPointer(value: unknown, pointer: string): unknown {
  let current = value
  for (const raw of pointer.split('/').slice(1)) {
    if (typeof current !== 'object' || current === null) return undefined
    current = (current as Record<string, unknown>)[raw.replace(/~1/g, '/').replace(/~0/g, '~')]
  }
  return current
}
