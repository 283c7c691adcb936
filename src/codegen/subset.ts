import { getPointer, isObject, resolveRef, type JsonObject, type OpenApiDocument } from '../spec/document'
import { isMethod, listOperations } from '../spec/operations'

export interface OperationFilter {
  /** operationIds (or `GET /path` for operations without one) to keep. */
  operations?: readonly string[]
  /** Keep operations carrying any of these tags. */
  tags?: readonly string[]
  /** Keep these `components.schemas` entries too (and what they reach), with or without an operation. */
  schemas?: readonly string[]
}

/**
 * The document cut down to the chosen operations and the components they reach through `$ref`
 * (security schemes are kept whole). Types and code then cost what the app uses, not what the
 * whole API offers: GitHub has 1 223 operations, an app typically calls a handful. Pure.
 */
export function selectOperations(document: OpenApiDocument, filter: OperationFilter): OpenApiDocument {
  const ids = new Set(filter.operations ?? [])
  const tags = new Set(filter.tags ?? [])
  // Operations are named as everywhere else (listOperations): operationId, else `GET /path`.
  const kept = new Set(
    listOperations(document)
      .filter(({ id, operation }) => ids.has(id) || (Array.isArray(operation.tags) && operation.tags.some((tag) => tags.has(tag as string))))
      .map(({ path, method }) => `${method} ${path}`),
  )
  const paths: Record<string, unknown> = {}
  for (const [path, rawItem] of Object.entries(document.paths ?? {})) {
    const resolved = resolveRef(document, rawItem)
    if (!resolved) continue
    // Key order as written: the types openapi-typescript prints follow it.
    const item: JsonObject = {}
    let any = false
    for (const [key, value] of Object.entries(resolved)) {
      if (!isMethod(key)) item[key] = value
      else if (kept.has(`${key} ${path}`)) {
        item[key] = value
        any = true
      }
    }
    if (any) paths[path] = item
  }
  const { webhooks: _webhooks, ...rest } = document as OpenApiDocument & { webhooks?: unknown }
  const subset: OpenApiDocument = { ...rest, paths }
  const schemas = (filter.schemas ?? []).map((name) => ({ $ref: `#/components/schemas/${name.replace(/~/g, '~0').replace(/\//g, '~1')}` }))
  if (isObject(document.components)) subset.components = reachableComponents(document, { paths, security: document.security, schemas })
  return subset
}

/** Components reachable by `$ref` from `roots`, following references inside components too. */
function reachableComponents(document: OpenApiDocument, roots: unknown): JsonObject {
  const components = document.components as JsonObject
  const reached = new Set<string>()
  const queue: unknown[] = [roots]
  while (queue.length > 0) {
    const node = queue.pop()
    if (Array.isArray(node)) {
      for (const item of node) queue.push(item)
      continue
    }
    if (!isObject(node)) continue
    for (const [key, value] of Object.entries(node)) {
      if (key === '$ref' && typeof value === 'string' && value.startsWith('#/components/') && !reached.has(value)) {
        reached.add(value)
        queue.push(getPointer(document, value.slice(1)))
      } else if (key === 'mapping' && isObject(value)) {
        // Discriminator mappings name schemas by reference too.
        for (const target of Object.values(value))
          if (typeof target === 'string') queue.push({ $ref: target.includes('#') ? target : `#/components/schemas/${target}` })
      } else if (typeof value === 'object' && value !== null) {
        queue.push(value)
      }
    }
  }
  const out: JsonObject = {}
  for (const [section, entries] of Object.entries(components)) {
    if (section === 'securitySchemes' || !isObject(entries)) {
      out[section] = entries
      continue
    }
    const kept = Object.fromEntries(
      Object.entries(entries).filter(([name]) => reached.has(`#/components/${section}/${name.replace(/~/g, '~0').replace(/\//g, '~1')}`)),
    )
    if (Object.keys(kept).length > 0) out[section] = kept
  }
  return out
}
