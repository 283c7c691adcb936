/** A JSON value with the offset where it starts in the text (keys too): what the locator walks. */
export type JsonPositionNode =
  | { kind: 'object'; start: number; entries: Array<{ key: string; keyStart: number; value: JsonPositionNode }> }
  | { kind: 'array'; start: number; items: JsonPositionNode[] }
  | { kind: 'scalar'; start: number; value: unknown }

/**
 * Strict JSON with offsets, for locating problems in JSON documents: `yaml`'s CST reads JSON too,
 * but takes ~100 ms for an 80 KB document on its first use in a process, and seconds on the
 * multi-megabyte ones, where this scan takes a few milliseconds. Undefined for text that is not
 * strict JSON (comments, trailing commas): the caller falls back to `yaml`.
 */
export function jsonPositions(text: string): JsonPositionNode | undefined {
  let at = text.charCodeAt(0) === 0xfeff ? 1 : 0
  const fail = (): never => {
    throw new SyntaxError(`JSON at ${at}`)
  }
  const space = (): void => {
    for (;;) {
      const c = text.charCodeAt(at)
      if (c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09) at++
      else return
    }
  }
  const string = (): string => {
    const start = at
    at++
    let escaped = false
    for (;;) {
      const c = text.charCodeAt(at)
      if (Number.isNaN(c) || c < 0x20) fail()
      at++
      if (c === 0x5c) {
        escaped = true
        at++
      } else if (c === 0x22) break
    }
    const raw = text.slice(start, at)
    return escaped ? (JSON.parse(raw) as string) : raw.slice(1, -1)
  }
  const value = (depth: number): JsonPositionNode => {
    if (depth > 10_000) fail()
    space()
    const start = at
    const c = text[at]
    if (c === '{') {
      at++
      const entries: Array<{ key: string; keyStart: number; value: JsonPositionNode }> = []
      space()
      if (text[at] === '}') {
        at++
        return { kind: 'object', start, entries }
      }
      for (;;) {
        space()
        if (text[at] !== '"') fail()
        const keyStart = at
        const key = string()
        space()
        if (text[at] !== ':') fail()
        at++
        entries.push({ key, keyStart, value: value(depth + 1) })
        space()
        if (text[at] === ',') at++
        else if (text[at] === '}') {
          at++
          return { kind: 'object', start, entries }
        } else fail()
      }
    }
    if (c === '[') {
      at++
      const items: JsonPositionNode[] = []
      space()
      if (text[at] === ']') {
        at++
        return { kind: 'array', start, items }
      }
      for (;;) {
        items.push(value(depth + 1))
        space()
        if (text[at] === ',') at++
        else if (text[at] === ']') {
          at++
          return { kind: 'array', start, items }
        } else fail()
      }
    }
    if (c === '"') return { kind: 'scalar', start, value: string() }
    const literal = /^(?:true|false|null|-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?)/.exec(text.slice(at, at + 400))?.[0]
    if (!literal) fail()
    at += (literal as string).length
    return { kind: 'scalar', start, value: JSON.parse(literal as string) }
  }
  try {
    const root = value(0)
    space()
    return at === text.length ? root : undefined
  } catch {
    return undefined
  }
}
