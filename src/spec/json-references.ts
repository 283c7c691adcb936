import { isObject, pointerOf, resolveRef, type JsonObject } from './document'
import type { Finding } from './checks'

/**
 * `$ref`s where OpenAPI gives no Reference Object: a map of named entries (`properties`,
 * `components/schemas`, `responses`, `content`, …) that is itself `{ $ref }`. Tools built on JSON
 * Reference (Redocly, json-schema-ref-parser) resolve them wherever they stand, so such documents
 * work elsewhere; openapi-typescript and our generator read the map as one entry named `$ref`.
 * `findMisplacedRefs` lists them (for located warnings); `resolveMisplacedRefs` replaces each by a
 * copy of its target inside the document, before validation and generation.
 */
type Kind = 'item' | 'schema' | 'schemaMap' | 'map' | 'components'

/** Maps of schemas inside a Schema Object. */
const SCHEMA_MAPS = new Set(['properties', 'patternProperties', '$defs', 'definitions', 'dependentSchemas'])
/** Single subschemas inside a Schema Object (objects only: `items` may be an array in draft 4). */
const SUBSCHEMAS = new Set([
  'items',
  'additionalProperties',
  'not',
  'contains',
  'propertyNames',
  'if',
  'then',
  'else',
  'unevaluatedItems',
  'unevaluatedProperties',
  'additionalItems',
])
/** Lists of subschemas inside a Schema Object. */
const SCHEMA_LISTS = new Set(['allOf', 'anyOf', 'oneOf', 'prefixItems'])
/** Maps of named entries outside schemas (OpenAPI 3.x and Swagger 2.0). */
const MAPS = new Set([
  'paths',
  'webhooks',
  'responses',
  'content',
  'headers',
  'links',
  'callbacks',
  'examples',
  'encoding',
  'variables',
  'securityDefinitions',
  'scopes',
])
/** Values that are data, not document structure: a `$ref` in them is a user's value. */
const DATA = new Set(['example', 'examples', 'default', 'enum', 'const', 'value', 'discriminator', 'xml', 'externalDocs', 'security'])

interface Misplaced {
  path: (string | number)[]
  holder: JsonObject | unknown[]
  key: string | number
  ref: string
}

function childKind(kind: Kind, key: string, value: unknown): Kind | undefined {
  if (key.startsWith('x-')) return undefined
  switch (kind) {
    case 'schema':
      if (SCHEMA_MAPS.has(key)) return 'schemaMap'
      if (SUBSCHEMAS.has(key) || SCHEMA_LISTS.has(key)) return 'schema'
      return undefined
    case 'schemaMap':
      return 'schema'
    case 'components':
      return key === 'schemas' ? 'schemaMap' : 'map'
    case 'map':
      return 'item'
    case 'item':
      if (key === 'schema') return 'schema'
      if (key === 'components') return 'components'
      if (key === 'definitions') return 'schemaMap'
      // Swagger 2.0's root `parameters` is a map; an operation's is a list of items.
      if (MAPS.has(key) || (key === 'parameters' && !Array.isArray(value))) return 'map'
      return DATA.has(key) ? undefined : 'item'
  }
}

function walk(node: unknown, kind: Kind, path: (string | number)[], found: Misplaced[], holder?: JsonObject | unknown[], key?: string | number): void {
  if (Array.isArray(node)) {
    node.forEach((item, index) => walk(item, kind, [...path, index], found, node, index))
    return
  }
  if (!isObject(node)) return
  const ref = node.$ref
  if (typeof ref === 'string') {
    // A map that is a reference: the misplaced case. Anywhere else a `$ref` is a Reference Object.
    if ((kind === 'schemaMap' || kind === 'map' || kind === 'components') && holder !== undefined && key !== undefined) found.push({ path, holder, key, ref })
    return
  }
  for (const [child, value] of Object.entries(node)) {
    const next = childKind(kind, child, value)
    if (next !== undefined && typeof value === 'object' && value !== null) walk(value, next, [...path, child], found, node, child)
  }
}

/** Pointers of the misplaced `$ref`s of one document (its own text: for warnings, with locations). */
export function findMisplacedRefs(document: JsonObject): Finding[] {
  const found: Misplaced[] = []
  walk(document, 'item', [], found)
  return found.map(({ path, ref }) => ({
    pointer: pointerOf(path),
    message: `\`$ref: ${ref}\` stands for a whole map, where OpenAPI allows no Reference Object: resolved as a JSON Reference here, but other OpenAPI tools may reject it (move the $ref into each entry, or inline the map)`,
    severity: 'warning' as const,
  }))
}

/**
 * Replaces every misplaced internal `$ref` of a bundled document by a copy of its target, again
 * until none is left (a target may hold more of them). Returns the pointers it could not resolve
 * (dangling or circular), which stay as they are for the checks to report.
 */
export function resolveMisplacedRefs(document: JsonObject): string[] {
  const unresolved: string[] = []
  for (let round = 0; round < 32; round++) {
    const found: Misplaced[] = []
    walk(document, 'item', [], found)
    const pending = found.filter((m) => !unresolved.includes(pointerOf(m.path)))
    if (pending.length === 0) break
    for (const { path, holder, key, ref } of pending) {
      const target = resolveRef(document, { $ref: ref })
      if (target === undefined) unresolved.push(pointerOf(path))
      else (holder as Record<string | number, unknown>)[key] = structuredClone(target)
    }
  }
  return unresolved
}
