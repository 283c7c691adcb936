import { encodePointerSegment } from './document'

/**
 * Bounds on what a document may make the generator do. Real documents are far inside them (the
 * corpus peaks at 25 levels and GitHub's 13 MB file); past them a build fails with a located
 * error instead of exhausting the stack, the heap or the clock.
 */
export const MAX_DEPTH = 200
/** Bytes per document file, checked before reading it. */
export const MAX_BYTES = 128 * 1024 * 1024
/**
 * YAML alias expansions (yaml's `maxAliasCount`, which weighs each alias by the aliases inside
 * it): generous for hand-written anchors, far below a "billion laughs" document.
 */
export const MAX_YAML_ALIASES = 100_000

/**
 * The JSON pointer of the first value nested deeper than `max` levels, or undefined. Iterative,
 * so the check itself cannot overflow the stack; shared subtrees (YAML aliases) are visited once
 * per depth reached, never expanded.
 */
export function depthOver(root: unknown, max: number): string | undefined {
  const stack: Array<{ value: unknown; depth: number; path: string }> = [{ value: root, depth: 0, path: '' }]
  const seen = new WeakMap<object, number>()
  while (stack.length > 0) {
    const { value, depth, path } = stack.pop()!
    if (typeof value !== 'object' || value === null) continue
    if (depth > max) return path
    if ((seen.get(value) ?? -1) >= depth) continue
    seen.set(value, depth)
    for (const [key, child] of Object.entries(value)) {
      if (typeof child === 'object' && child !== null) stack.push({ value: child, depth: depth + 1, path: `${path}/${encodePointerSegment(key)}` })
    }
  }
  return undefined
}
