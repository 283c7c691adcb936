import type { WsMockSend, WsMockSpec } from './ws-spec'

/** A mocked WebSocket API's behaviour, shared by the msw handlers and the Vite dev server. */
export interface WsResponder {
  /** Frames to send a client as soon as it connects (the document's receive examples), encoded. */
  greeting(): string[]
  /** The frames answering one frame from the client (its reply, or nothing), encoded. */
  answer(data: string): string[]
}

/**
 * Frames are JSON, except string payloads, which go out as text (the generated client decodes a
 * frame that is not JSON as its text). A frame from the client is read the same way.
 */
export function createWsResponder(spec: WsMockSpec): WsResponder {
  return {
    greeting: () => spec.greeting.map((frame) => encode(frame.payload)),
    answer(data) {
      const frame = decode(data)
      const send = matchSend(spec.sends, frame)
      const reply = send?.reply
      if (!reply) return []
      if ('echo' in reply) return [data]
      const payload = reply.correlation === undefined ? reply.payload : withValue(reply.payload, reply.correlation, readPointer(frame, reply.correlation))
      return [encode(payload)]
    },
  }
}

/** The send message a frame is: property matchers first, then JSON-type matchers, then catch-alls (as the client routes). */
export function matchSend(sends: readonly WsMockSend[], frame: unknown): WsMockSend | undefined {
  const object = typeof frame === 'object' && frame !== null && !Array.isArray(frame) ? (frame as Record<string, unknown>) : undefined
  const byProp = sends.find((s) => s.prop !== undefined && object !== undefined && s.values?.includes(object[s.prop] as string))
  if (byProp) return byProp
  const byType = sends.find((s) => s.prop === undefined && s.type !== undefined && jsonType(frame) === s.type)
  return byType ?? sends.find((s) => s.prop === undefined && s.type === undefined)
}

function jsonType(value: unknown): string {
  if (Array.isArray(value)) return 'array'
  return value === null ? 'null' : typeof value
}

function encode(payload: unknown): string {
  return typeof payload === 'string' ? payload : JSON.stringify(payload)
}

function decode(data: string): unknown {
  try {
    return JSON.parse(data) as unknown
  } catch {
    return data
  }
}

function segments(pointer: string): string[] {
  return pointer
    .slice(1)
    .split('/')
    .map((raw) => raw.replace(/~1/g, '/').replace(/~0/g, '~'))
}

function readPointer(value: unknown, pointer: string): unknown {
  if (pointer === '') return value
  let current = value
  for (const key of segments(pointer)) {
    if (typeof current !== 'object' || current === null) return undefined
    current = (current as Record<string, unknown>)[key]
  }
  return current
}

/**
 * A copy of `payload` with `value` at `pointer` (objects created on the way), so the client matches
 * the reply to its request. An id the request did not carry leaves the example as it is.
 */
function withValue(payload: unknown, pointer: string, value: unknown): unknown {
  if (value === undefined || pointer === '') return value === undefined ? payload : value
  const root = structuredClone(payload)
  if (typeof root !== 'object' || root === null || Array.isArray(root)) return payload
  const keys = segments(pointer)
  let current = root as Record<string, unknown>
  for (const key of keys.slice(0, -1)) {
    const next = current[key]
    if (typeof next !== 'object' || next === null || Array.isArray(next)) current[key] = {}
    current = current[key] as Record<string, unknown>
  }
  current[keys[keys.length - 1] as string] = value
  return root
}
