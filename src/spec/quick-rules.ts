import { isObject, type JsonObject } from './document'
import { doubt } from './quick-refs'

/**
 * Each operation of `document.paths` under `methods`, in the parser's order, with its path item:
 * a path item or operation that is not an object, or an operationId used twice, is a Doubt.
 */
export function forEachOperation(
  document: JsonObject,
  methods: readonly string[],
  visit: (pathName: string, item: JsonObject, operation: JsonObject) => void,
): void {
  const operationIds = new Set<unknown>()
  const paths = document.paths ?? {}
  if (!isObject(paths)) doubt()
  for (const [pathName, rawItem] of Object.entries(paths)) {
    if (!rawItem) continue
    const item = isObject(rawItem) ? rawItem : doubt()
    for (const method of methods) {
      const rawOperation = item[method]
      if (!rawOperation) continue
      const operation = isObject(rawOperation) ? rawOperation : doubt()
      if (operation.operationId) {
        if (operationIds.has(operation.operationId)) doubt()
        operationIds.add(operation.operationId)
      }
      visit(pathName, item, operation)
    }
  }
}

/**
 * The parameters of one operation as @readme/openapi-parser checks them, in both quick verdicts
 * (OpenAPI 3.x and Swagger 2.0): a level that names one parameter twice is a Doubt, and an
 * operation's parameter hides the path level's of the same name and location.
 */
export function mergeParameters(pathParams: JsonObject[], operationParams: JsonObject[]): JsonObject[] {
  noDuplicates(pathParams)
  noDuplicates(operationParams)
  return [...operationParams, ...pathParams.filter((p) => !operationParams.some((o) => o.in === p.in && o.name === p.name))]
}

/** Each `{placeholder}` of the path has one required path parameter, and each path parameter a placeholder. */
export function checkPathParameters(placeholders: string[], params: JsonObject[]): void {
  const left = [...placeholders]
  for (const param of params) {
    if (param.in !== 'path') continue
    if (param.required !== true) doubt()
    const index = left.indexOf(`{${String(param.name)}}`)
    if (index === -1) doubt()
    left.splice(index, 1)
  }
  if (left.length > 0) doubt()
}

function noDuplicates(params: JsonObject[]): void {
  const seen = new Set<string>()
  for (const param of params) {
    const key = JSON.stringify([param.name, param.in])
    if (seen.has(key)) doubt()
    seen.add(key)
  }
}
