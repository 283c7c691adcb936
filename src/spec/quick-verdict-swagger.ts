import { isObject, type JsonObject } from './document'
import type { PositionKind } from './position-kinds'
import { childKindV2, kindAtV2 } from './position-kinds-v2'
import { checkPathParameters, forEachOperation, mergeParameters } from './quick-rules'
import { checkRefs, doubt, follow, type KindTable, lookup, type SeenTargets, seenTargets, segmentsOf, type Target } from './quick-refs'
import { specValidator } from './spec-validators'

/**
 * quickVerdict (quick-verdict.ts) for Swagger 2.0: true only when @readme/openapi-parser 9.0.0's
 * `validate()` would accept the document, by the argument of docs/decisions/quick-verdict.md
 * (table "Swagger 2.0"). The 2.0 specification schema runs on the bundled document with every
 * `$ref` pointing to a position of its own kind (position-kinds-v2.ts); the parser's
 * SwaggerSpecificationValidator rules are repeated on the references' targets. Any doubt is false
 * ("ask the parser"), never "invalid": broken documents keep the parser's own wording.
 */
export function swaggerAccepts(document: JsonObject): boolean {
  // The parser picks its OpenAPI 3 rules whenever an `openapi` key exists.
  if (document.swagger !== '2.0' || 'openapi' in document) return false
  if (isObject(document.paths) && Object.keys(document.paths).some((path) => !path.startsWith('/'))) return false
  checkRefs(document, document, 'root', undefined, TABLE, seenTargets())
  // The parser's pre-schema pass, then the schema, then its rules.
  checkSecurityDefinitions(document)
  if (specValidator('v2')(document) !== true) return false
  checkSwaggerRules(document)
  return true
}

const SCHEMA_KINDS = new Set<PositionKind>(['schema', 'schemaItems', 'responseSchema'])

/**
 * Siblings of a `$ref` in a Schema Object that the parser's merge (siblings first, then the
 * target's other keys) leaves exactly as written, and that neither the schema's other keywords nor
 * the parser's rules read: the merged copy is valid iff the target is and the sibling is (which
 * the bundled check saw), and the rules see the target's keys. Kubernetes has 840 `description`s.
 */
function safeSibling(key: string, value: unknown): boolean {
  if (key.startsWith('x-')) return true
  return (key === 'description' || key === 'title') && typeof value === 'string'
}

const TABLE: KindTable = {
  childKind: childKindV2,
  checkRef(document, ref, kind, seen) {
    const target = followPlain(document, ref, seen)
    if (kind === 'any') return
    const siblings = Object.entries(ref).filter(([key]) => key !== '$ref')
    if (siblings.length > 0 && (!SCHEMA_KINDS.has(kind) || !siblings.every(([key, value]) => safeSibling(key, value)))) doubt()
    let targetKind = seen.kinds.get(target.pointer)
    if (targetKind === undefined) {
      targetKind = kindAtV2(segmentsOf(target.pointer))
      seen.kinds.set(target.pointer, targetKind)
    }
    if (!isObject(target.value) || !sameKind(kind, targetKind)) doubt()
  },
}

/** follow(), but a chain may not pass a `$ref` with siblings (a merge inside a merge is not covered). */
function followPlain(document: JsonObject, ref: JsonObject, seen: SeenTargets): Target {
  if (seen.follows.has(ref.$ref as string)) return follow(document, ref, seen.follows)
  const target = follow(document, ref, seen.follows)
  for (
    let value = lookup(document, ref.$ref as string);
    isObject(value) && typeof value.$ref === 'string' && value.$ref.length > 0;
    value = lookup(document, value.$ref)
  ) {
    if (Object.keys(value).length > 1) doubt()
  }
  return target
}

/**
 * A target validated as `target` may replace a reference at `at`: parameters and responses only
 * as themselves; any schema where a schema is, and a response `schema` (Schema or File Schema,
 * `oneOf`: a valid Schema Object has no `type: file`, so it never matches both) may also point to
 * another response `schema`.
 */
function sameKind(at: PositionKind, target: PositionKind): boolean {
  if (at === 'parameter' || at === 'response') return target === at
  if (at === 'schema' || at === 'schemaItems') return target === 'schema' || target === 'schemaItems'
  if (at === 'responseSchema') return SCHEMA_KINDS.has(target)
  return false
}

/** SwaggerSpecificationValidator.runPreSchemaChecks: `type: http`, an apiKey outside query/header. */
function checkSecurityDefinitions(document: JsonObject): void {
  const definitions = document.securityDefinitions
  if (definitions === undefined) return
  if (!isObject(definitions)) doubt()
  for (const definition of Object.values(definitions)) {
    if (!isObject(definition) || definition.type === 'http') doubt()
    if (definition.type === 'apiKey' && typeof definition.in === 'string' && !['query', 'header'].includes(definition.in)) doubt()
  }
}

const METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch']
const DEFINITION_NAME = /^[a-zA-Z0-9.\-_]+$/
const FORM_DATA = /multipart\/(.*\+)?form-data/
const URL_ENCODED = /application\/(.*\+)?x-www-form-urlencoded/

/** SwaggerSpecificationValidator.run, on the references' targets; any finding is a Doubt. */
function checkSwaggerRules(document: JsonObject): void {
  forEachOperation(document, METHODS, (pathName, item, operation) => {
    checkParameters(document, `/paths${pathName}`, item.parameters, operation)
    const responses = operation.responses ?? {}
    if (!isObject(responses)) doubt()
    // Extension keys too: the parser's rule reads every key (and throws on a non-object).
    for (const [code, rawResponse] of Object.entries(responses)) {
      if (!isObject(rawResponse)) doubt()
      const response = targetOf(document, rawResponse)
      if (code !== 'default' && (Number(code) < 100 || Number(code) > 599)) doubt()
      const headers = response.headers ?? {}
      if (!isObject(headers)) doubt()
      for (const header of Object.values(headers)) arrayHasItems(targetOf(document, header))
      if (response.schema) arrayHasItems(targetOf(document, response.schema))
    }
  })
  const definitions = document.definitions ?? {}
  if (!isObject(definitions)) doubt()
  for (const [name, definition] of Object.entries(definitions)) {
    if (!DEFINITION_NAME.test(name)) doubt()
    requiredPropertiesExist(targetOf(document, definition))
  }
}

function checkParameters(document: JsonObject, pathId: string, pathLevel: unknown, operation: JsonObject): void {
  const pathParams = listOf(document, pathLevel)
  const operationParams = listOf(document, operation.parameters)
  const params = mergeParameters(pathParams, operationParams)
  const body = params.filter((p) => p.in === 'body').length
  if (body > 1 || (body > 0 && params.some((p) => p.in === 'formData'))) doubt()
  const placeholders: string[] = [...(pathId.match(/\{([^/}]+)}/g) ?? [])]
  if (new Set(placeholders).size !== placeholders.length) doubt()
  checkPathParameters(placeholders, params)
  const consumes = operation.consumes || document.consumes || []
  for (const param of params) {
    const schema = param.in === 'body' ? targetOf(document, param.schema) : param
    arrayHasItems(schema)
    requiredPropertiesExist(schema)
    if (schema.type === 'file') {
      if (!Array.isArray(consumes) || !consumes.some((type) => FORM_DATA.test(type) || URL_ENCODED.test(type))) doubt()
    }
  }
}

function listOf(document: JsonObject, value: unknown): JsonObject[] {
  if (value === undefined || value === null || value === false) return []
  return Array.isArray(value) ? value.map((item) => targetOf(document, item)) : doubt()
}

/** "An array, so it must include an `items` schema" (array-without-items). */
function arrayHasItems(schema: JsonObject): void {
  if (schema.type === 'array' && !schema.items) doubt()
}

/**
 * unknown-required-schema-property: each `required` name is among the schema's `properties` or
 * those of its `allOf` parents. Only parents written in place count here: the parser leaves a
 * circular `$ref` unresolved, so a name found only through a reference is a Doubt.
 */
function requiredPropertiesExist(schema: JsonObject): void {
  if (!Array.isArray(schema.required)) return
  const names = new Set<string>()
  collectProperties(schema, names)
  for (const name of schema.required) if (typeof name !== 'string' || !names.has(name)) doubt()
}

function collectProperties(schema: unknown, names: Set<string>): void {
  if (!isObject(schema)) return
  if (isObject(schema.properties)) for (const name of Object.keys(schema.properties)) if (schema.properties[name]) names.add(name)
  if (Array.isArray(schema.allOf)) for (const parent of schema.allOf) collectProperties(resolvedInPlace(parent), names)
}

/** A parent written in place; a reference contributes nothing (see requiredPropertiesExist). */
function resolvedInPlace(value: unknown): unknown {
  return isObject(value) && typeof value.$ref === 'string' ? undefined : value
}

/**
 * A value as the parser's rules see it after its dereference: a reference's target. checkRefs
 * allowed siblings only where they are safe (safeSibling), and the rules read none of those keys.
 */
function targetOf(document: JsonObject, value: unknown): JsonObject {
  const found = isObject(value) && typeof value.$ref === 'string' && value.$ref.length > 0 ? follow(document, value).value : value
  return isObject(found) ? found : doubt()
}
