import { resolveRef, type JsonObject, type OpenApiDocument } from './document'

export const METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'] as const
export type LowerMethod = (typeof METHODS)[number]

/**
 * One operation of a document as everything downstream names it: the generated export, the
 * `operations` option, the mock routes. `id` is the operationId, or `GET /path` without one.
 */
export interface OperationEntry {
  id: string
  operationId: string | undefined
  method: LowerMethod
  path: string
  /** The path item and the operation, `$ref`s followed. */
  item: JsonObject
  operation: JsonObject
}

/** Operations in document order: paths as written, methods in the OpenAPI order. Pure. */
export function listOperations(document: OpenApiDocument): OperationEntry[] {
  const out: OperationEntry[] = []
  for (const [path, rawItem] of Object.entries(document.paths ?? {})) {
    const item = resolveRef(document, rawItem)
    if (!item) continue
    for (const method of METHODS) {
      const operation = resolveRef(document, item[method])
      if (!operation) continue
      const operationId = typeof operation.operationId === 'string' && operation.operationId !== '' ? operation.operationId : undefined
      out.push({ id: operationId ?? `${method.toUpperCase()} ${path}`, operationId, method, path, item, operation })
    }
  }
  return out
}

export function isMethod(key: string): key is LowerMethod {
  return (METHODS as readonly string[]).includes(key)
}
