import { decodePointerSegment, isObject, type JsonObject } from './document'
import type { PositionKind } from './position-kinds'

/** Thrown inside the quick pass where it cannot vouch for the parser's verdict. */
export class Doubt extends Error {}

export function doubt(): never {
  throw new Doubt()
}

/**
 * The specification's structure as a quick pass walks it: the kind of each child position, and
 * what a `$ref` found at a position of some kind must satisfy (it throws a Doubt otherwise).
 */
export interface KindTable {
  childKind(kind: PositionKind, key: string, section?: PositionKind): [PositionKind, PositionKind?]
  checkRef(document: JsonObject, ref: JsonObject, kind: PositionKind, seen: SeenTargets): void
}

/** What one verdict already knows: the kind of each target, and where each pointer leads. */
export interface SeenTargets {
  kinds: Map<string, PositionKind>
  follows: Map<string, Target>
}

export function seenTargets(): SeenTargets {
  return { kinds: new Map(), follows: new Map() }
}

/** Every `$ref` below `node` (a position of `kind`) must stay within what the verdict argument covers. */
export function checkRefs(
  document: JsonObject,
  node: unknown,
  kind: PositionKind,
  section: PositionKind | undefined,
  table: KindTable,
  targets: SeenTargets,
): void {
  if (typeof node !== 'object' || node === null) return
  if (Array.isArray(node)) {
    node.forEach((item, index) => {
      if (typeof item === 'object' && item !== null) {
        const [child, childSection] = table.childKind(kind, String(index), section)
        checkRefs(document, item, child, childSection, table, targets)
      }
    })
    return
  }
  const object = node as JsonObject
  // `$id` changes how the parser resolves references below it.
  if (typeof object.$id === 'string') doubt()
  if (typeof object.$ref === 'string' && object.$ref.length > 0) {
    // Only plain internal pointers: the parser leaves others alone, or resolves them differently.
    if ((object.$ref !== '#' && !object.$ref.startsWith('#/')) || object.$ref.includes('%')) doubt()
    table.checkRef(document, object, kind, targets)
  }
  for (const [key, value] of Object.entries(object)) {
    if (typeof value !== 'object' || value === null) continue
    const [child, childSection] = table.childKind(kind, key, section)
    checkRefs(document, value, child, childSection, table, targets)
  }
}

export interface Target {
  pointer: string
  value: unknown
}

/**
 * Follows a chain of `$ref`s to the first value that is not one; a loop or a dangling pointer is a
 * Doubt. The chain depends on the pointer only, so `memo` (one per verdict) may keep the answers:
 * Kubernetes has ~3,500 references to ~700 places.
 */
export function follow(document: JsonObject, ref: JsonObject, memo?: Map<string, Target>): Target {
  const start = ref.$ref as string
  const known = memo?.get(start)
  if (known) return known
  const target = followChain(document, start)
  memo?.set(start, target)
  return target
}

function followChain(document: JsonObject, start: string): Target {
  const seen = new Set<string>()
  let pointer = start
  for (;;) {
    if (seen.has(pointer) || (pointer !== '#' && !pointer.startsWith('#/')) || pointer.includes('%')) doubt()
    seen.add(pointer)
    const value = lookup(document, pointer)
    if (isObject(value) && typeof value.$ref === 'string' && value.$ref.length > 0) {
      pointer = value.$ref
      continue
    }
    return { pointer, value }
  }
}

export function segmentsOf(pointer: string): string[] {
  return pointer === '#' ? [] : pointer.slice(2).split('/').map(decodePointerSegment)
}

/** Own properties only (a `constructor` segment must not reach Object.prototype); missing is a Doubt. */
export function lookup(document: JsonObject, pointer: string): unknown {
  let current: unknown = document
  for (const segment of segmentsOf(pointer)) {
    if (Array.isArray(current)) {
      if (!/^(0|[1-9]\d*)$/.test(segment) || Number(segment) >= current.length) doubt()
      current = current[Number(segment)]
    } else if (isObject(current) && Object.hasOwn(current, segment)) {
      current = current[segment]
    } else {
      doubt()
    }
  }
  return current
}

/** A value as the parser's rules see it: references replaced by their targets (plain `$ref`s only). */
export function resolved(document: JsonObject, value: unknown): unknown {
  if (!isObject(value) || typeof value.$ref !== 'string' || value.$ref.length === 0) return value
  if (Object.keys(value).length > 1) doubt()
  return follow(document, value).value
}

export function objectAt(document: JsonObject, value: unknown): JsonObject {
  const found = resolved(document, value)
  return isObject(found) ? found : doubt()
}
