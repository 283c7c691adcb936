import { isObject, type OpenApiDocument } from '../spec/document'
import { toCamelIdentifier, toPascalIdentifier, uniqueName } from './literals'
import type { OperationModel } from './operations'

/** Value names the generated module defines itself; operations and tags never take them. */
const OWN_VALUES = ['configure', 'createClient', 'paths', 'components', 'operations', 'webhooks']
/**
 * Keys that change what an object is: an export or tree member named `then` makes the module
 * namespace (and `await createClient()`) a thenable that calls the operation; `__proto__` in the
 * client tree would set its prototype. They get a `_` suffix, as reserved words do.
 */
const UNSAFE_KEYS = new Set(['then', '__proto__'])
/** Type names in openapi-typescript's output (helpers included); schema aliases never take them. */
const OWN_TYPES = ['WithRequired', 'OneOf', 'XOR', 'Record', 'NonNullable', 'Partial', 'Required', 'Omit', 'Pick']

export interface NamedOperation extends OperationModel {
  /** The export name: from operationId, else from method and path (`getPetsPetId`). */
  name: string
}

export interface TagGroup {
  /** The key in the default export and the client tree. */
  key: string
  tag: string
  operations: string[]
}

/**
 * Deterministic names: document order decides who keeps the plain name; later collisions get a
 * numeric suffix (`listPets2`), so the same document always yields the same exports.
 */
export function nameOperations(operations: OperationModel[]): NamedOperation[] {
  const taken = new Set(OWN_VALUES)
  return operations.map((op) => {
    const base = op.operationId ? toCamelIdentifier(op.operationId) : toCamelIdentifier(`${op.method} ${op.pathKey}`)
    return { ...op, name: uniqueName(UNSAFE_KEYS.has(base) ? `${base}_` : base, taken) }
  })
}

/** Tag groups in the order tags first appear (document `tags` list first, then operations). */
export function groupByTag(document: OpenApiDocument, operations: NamedOperation[]): TagGroup[] {
  const order: string[] = []
  if (Array.isArray(document.tags)) {
    for (const tag of document.tags) if (isObject(tag) && typeof tag.name === 'string') order.push(tag.name)
  }
  for (const op of operations) for (const tag of op.tags) if (!order.includes(tag)) order.push(tag)
  const taken = new Set([...OWN_VALUES, ...operations.map((op) => op.name)])
  const groups: TagGroup[] = []
  for (const tag of order) {
    const members = operations.filter((op) => op.tags.includes(tag)).map((op) => op.name)
    if (members.length === 0) continue
    const base = toCamelIdentifier(tag, 'tag')
    const key = uniqueName(taken.has(base) || UNSAFE_KEYS.has(base) ? `${base}Tag` : base, taken)
    groups.push({ key, tag, operations: members })
  }
  return groups
}

/** Readable aliases for `components.schemas`: `Pet`, `IoK8sApiCoreV1Pod`, `NewPet2` on a collision. */
export function nameSchemas(document: OpenApiDocument): Array<{ alias: string; schema: string }> {
  const schemas = isObject(document.components) ? document.components.schemas : undefined
  if (!isObject(schemas)) return []
  const taken = new Set(OWN_TYPES)
  return Object.keys(schemas).map((schema) => ({ alias: uniqueName(toPascalIdentifier(schema), taken), schema }))
}

/** The three named types of one operation, so hovers read `ListPetsData` rather than `paths[…]`. */
export interface OperationTypeNames {
  input: string
  data: string
  error: string
}

/**
 * `ListPetsInput`, `ListPetsData`, `ListPetsError` per operation, in document order after the
 * schema aliases have taken theirs: a schema named `ListPetsData` keeps its name and the
 * operation's type becomes `ListPetsData2`. Computed from the whole document, never a subset, so
 * a name is the same whichever operations an app imports.
 */
export function nameOperationTypes(operations: NamedOperation[], schemaAliases: Array<{ alias: string }>): OperationTypeNames[] {
  const taken = new Set([...OWN_TYPES, ...schemaAliases.map(({ alias }) => alias)])
  return operations.map((op) => {
    const base = toPascalIdentifier(op.name, 'Operation')
    return { input: uniqueName(`${base}Input`, taken), data: uniqueName(`${base}Data`, taken), error: uniqueName(`${base}Error`, taken) }
  })
}
