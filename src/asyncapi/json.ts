/** Small JSON helpers for AsyncAPI documents (kept here so the AsyncAPI code depends on no OpenAPI model). */
export type Json = { [key: string]: unknown }

export function isObject(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

export function pointerOf(segments: readonly (string | number)[]): string {
  return segments.map((s) => `/${String(s).replace(/~/g, '~0').replace(/\//g, '~1')}`).join('')
}

/** The value at a JSON pointer (`/a/b~1c`), or undefined. Percent-escapes are decoded as in a URI fragment. */
export function getPointer(root: unknown, pointer: string): unknown {
  if (pointer === '') return root
  let current = root
  for (const raw of pointer.slice(1).split('/')) {
    let key = raw.replace(/~1/g, '/').replace(/~0/g, '~')
    try {
      key = decodeURIComponent(key)
    } catch {
      // A stray `%` is a literal character here.
    }
    if (Array.isArray(current)) current = current[Number(key)]
    else if (isObject(current)) current = current[key]
    else return undefined
  }
  return current
}

/** The internal pointer of a `$ref` object (`{ $ref: '#/a' }` gives `/a`), or undefined. */
export function refPointer(value: unknown): string | undefined {
  return isObject(value) && typeof value.$ref === 'string' && value.$ref.startsWith('#') ? value.$ref.slice(1) : undefined
}

/** Follows internal `$ref`s until a non-reference value, with the pointer it was found at; cycles and dangling refs give undefined. */
export function deref(root: unknown, value: unknown, at = ''): { value: unknown; pointer: string } | undefined {
  let current = value
  let pointer = at
  const seen = new Set<string>()
  for (let ref = refPointer(current); ref !== undefined; ref = refPointer(current)) {
    if (seen.has(ref)) return undefined
    seen.add(ref)
    pointer = ref
    current = getPointer(root, ref)
    if (current === undefined) return undefined
  }
  return { value: current, pointer }
}

/** Depth-first over objects and arrays with the path of each object; iterative (documents are depth-checked on load anyway). */
export function walkObjects(root: unknown, visit: (node: Json, path: (string | number)[]) => void): void {
  const stack: Array<{ node: unknown; path: (string | number)[] }> = [{ node: root, path: [] }]
  while (stack.length > 0) {
    const { node, path } = stack.pop()!
    if (Array.isArray(node)) {
      for (let i = node.length - 1; i >= 0; i--) stack.push({ node: node[i], path: [...path, i] })
    } else if (isObject(node)) {
      visit(node, path)
      const entries = Object.entries(node)
      for (let i = entries.length - 1; i >= 0; i--) {
        const [key, child] = entries[i]!
        if (typeof child === 'object' && child !== null) stack.push({ node: child, path: [...path, key] })
      }
    }
  }
}
