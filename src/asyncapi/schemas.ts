import { deref, getPointer, isObject, walkObjects, type Json } from './json'

export interface SchemaRoot {
  /** Component name in the synthetic document (also the exported type alias). */
  name: string
  pointer: string
}

/**
 * An OpenAPI 3.1 document whose `components.schemas` hold the given AsyncAPI schemas (payloads,
 * binding schemas) and every schema they reference, each `$ref` rewritten to point there. This lets
 * openapi-typescript (which we already ship) type AsyncAPI payloads: JSON Schema draft-07 and the
 * OpenAPI 3.1 dialect agree on everything payloads use. AsyncAPI's string `discriminator` has no
 * OpenAPI meaning and is dropped (routing reads it, types do not need it).
 */
export function typeDocument(document: Json, roots: SchemaRoot[]): Json {
  const schemas: Json = {}
  const names = new Map<string, string>()
  const taken = new Set(roots.map((r) => r.name))
  const queue: Array<{ name: string; pointer: string }> = []
  const nameFor = (pointer: string): string => {
    let name = names.get(pointer)
    if (name === undefined) {
      const base =
        (pointer.split('/').pop() ?? 'schema')
          .replace(/~1/g, '_')
          .replace(/~0/g, '_')
          .replace(/[^\w$-]/g, '_') || 'schema'
      name = base
      for (let n = 2; taken.has(name); n++) name = `${base}_${n}`
      taken.add(name)
      names.set(pointer, name)
      queue.push({ name, pointer })
    }
    return name
  }
  for (const root of roots) {
    names.set(root.pointer, root.name)
    queue.push(root)
  }
  while (queue.length > 0) {
    const { name, pointer } = queue.shift()!
    const value = getPointer(document, pointer)
    const copy = structuredClone(value === undefined ? {} : value) as unknown
    walkObjects(copy, (node) => {
      if (typeof node.$ref === 'string' && node.$ref.startsWith('#')) {
        // Point at the value a chain of references ends on, so every target is a schema.
        const target = deref(document, { $ref: node.$ref })
        node.$ref = `#/components/schemas/${nameFor(target?.pointer ?? node.$ref.slice(1))}`
      }
      if (typeof node.discriminator === 'string') delete node.discriminator
    })
    schemas[name] = isObject(copy) || typeof copy === 'boolean' ? copy : {}
  }
  return { openapi: '3.1.0', info: { title: 'types', version: '0' }, paths: {}, components: { schemas } }
}
