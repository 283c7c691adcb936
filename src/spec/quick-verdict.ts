import { isObject, type JsonObject } from './document'
import { checkRefs, doubt, follow, type KindTable, objectAt, type SeenTargets, seenTargets, segmentsOf } from './quick-refs'
import { childKind, kindAt, type KindContext, type PositionKind } from './position-kinds'
import { checkPathParameters, forEachOperation, mergeParameters } from './quick-rules'
import { specValidator } from './spec-validators'
import { swaggerAccepts } from './quick-verdict-swagger'

/**
 * What @readme/openapi-parser's `validate()` (as validate.ts calls it) would answer, when that can
 * be known without running it: its dereference re-walks every shared subtree (seconds on large
 * documents) and its per-call set-up (a new AJV, Node's fetch module loaded by its options merge)
 * is most of a small document's time.
 * - `valid`: it would accept the document;
 * - `schema-errors`: it would stop at the specification schema (its messages are code frames over
 *   a re-print, which validate.ts replaces by located findings of the same schema anyway);
 * - `ask`: anything else; the parser decides and words it, as before.
 *
 * Same verdict by construction (docs/decisions/quick-verdict.md): the specification schema runs
 * on the bundled document, where each `$ref` is a Reference Object, and each `$ref` must point to
 * a position that the schema validates as the kind expected where the `$ref` is (position-kinds.ts),
 * so replacing it by its target, as the dereference does, cannot change the result. The parser's
 * rules (operationIds, path parameters, arrays without items, security schemes, component names)
 * are repeated on the references' targets. Swagger 2.0 has its own pass (quick-verdict-swagger.ts: `valid` or `ask`). Anything else (`$id`, `$ref`s with
 * siblings, to other kinds, through references, unusual shapes) is `ask`.
 */
export type QuickVerdict = 'valid' | 'schema-errors' | 'ask'

/**
 * The @readme/openapi-parser release whose `validate()` the rules below repeat. package.json pins
 * it exactly, and test/unit/spec/parser-version.test.ts fails when the installed one differs: a new
 * release may add or change a rule, so moving it means re-reading its rules against checkRules.
 */
export const PARSER_RULES_VERSION = '9.0.0'

export function quickVerdict(document: JsonObject): QuickVerdict {
  try {
    return verdict(document)
  } catch {
    // A Doubt, or anything unexpected (a stack overflow on a pathological chain): ask the parser.
    return 'ask'
  }
}

/** True only when the parser would accept the document (quickVerdict is `valid`). */
export function quickAccept(document: JsonObject): boolean {
  return quickVerdict(document) === 'valid'
}

function verdict(document: JsonObject): QuickVerdict {
  if ('swagger' in document) return swaggerAccepts(document) ? 'valid' : 'ask'
  const version = document.openapi
  if (typeof version !== 'string') return 'ask'
  const v31 = version.startsWith('3.1')
  if (!v31 && !version.startsWith('3.0')) return 'ask'
  if (isObject(document.paths) && Object.keys(document.paths).some((path) => !path.startsWith('/'))) return 'ask'
  const context: KindContext = { v31 }
  checkRefs(document, document, 'root', undefined, tableFor(context), seenTargets())
  // The parser checks security schemes first, then the schema, and its rules only after both pass.
  checkSecuritySchemes(document)
  if (specValidator(v31 ? 'v31' : 'v3')(document) !== true) return 'schema-errors'
  checkRules(document, v31)
  return 'valid'
}

/** OpenAPI 3.x: what a `$ref` at a position of `kind` must point to. */
function tableFor(context: KindContext): KindTable {
  return {
    childKind: (kind, key, section) => childKind(kind, key, context, section),
    checkRef: (document, ref, kind, targets) => checkRef(document, ref, kind, context, targets),
  }
}

function checkRef(document: JsonObject, ref: JsonObject, kind: PositionKind, context: KindContext, seen: SeenTargets): void {
  const target = follow(document, ref, seen.follows)
  if (kind === 'any') return
  const siblings = Object.keys(ref).length > 1
  if (context.v31 && kind === 'schema') {
    // The 3.1 schema checks a Schema Object only as "an object or a boolean".
    if (!isObject(target.value) && typeof target.value !== 'boolean') doubt()
    return
  }
  // The parser merges siblings into a copy of the target; the Reference Object alone is covered.
  if (siblings || kind === 'pathItem' || kind === 'other') doubt()
  let targetKind = seen.kinds.get(target.pointer)
  if (targetKind === undefined) {
    targetKind = kindAt(segmentsOf(target.pointer), context)
    seen.kinds.set(target.pointer, targetKind)
  }
  if (targetKind !== kind || !isObject(target.value)) doubt()
}

/** The parser's pre-schema pass over `components.securitySchemes`: any finding is one of its errors. */
function checkSecuritySchemes(document: JsonObject): void {
  const schemes = isObject(document.components) ? document.components.securitySchemes : undefined
  if (schemes === undefined) return
  if (!isObject(schemes)) doubt()
  for (const value of Object.values(schemes)) {
    const scheme = objectAt(document, value)
    const type = scheme.type
    if (typeof type !== 'string' || !Object.hasOwn(SCHEME_PROPERTIES, type)) doubt()
    const { required, foreign } = SCHEME_PROPERTIES[type] as { required: string[]; foreign: string[] }
    if (required.some((name) => !(name in scheme)) || foreign.some((name) => name in scheme)) doubt()
    if (type === 'apiKey' && typeof scheme.in === 'string' && !['query', 'header', 'cookie'].includes(scheme.in)) doubt()
    if (type === 'oauth2' && isObject(scheme.flows) && Object.keys(scheme.flows).length === 0) doubt()
  }
}

const SCHEME_PROPERTIES: Record<string, { required: string[]; foreign: string[] }> = {
  apiKey: { required: ['name', 'in'], foreign: ['scheme', 'bearerFormat', 'flows', 'openIdConnectUrl'] },
  http: { required: ['scheme'], foreign: ['name', 'in', 'flows', 'openIdConnectUrl'] },
  oauth2: { required: ['flows'], foreign: ['name', 'in', 'scheme', 'bearerFormat', 'openIdConnectUrl'] },
  openIdConnect: { required: ['openIdConnectUrl'], foreign: ['name', 'in', 'scheme', 'bearerFormat', 'flows'] },
  mutualTLS: { required: [], foreign: ['name', 'in', 'scheme', 'bearerFormat', 'flows', 'openIdConnectUrl'] },
}

const RULE_METHODS = ['get', 'post', 'put', 'delete', 'patch', 'options', 'head', 'trace']
const COMPONENT_NAME = /^[a-zA-Z0-9.\-_]+$/

/** The parser's specification rules (OpenAPISpecificationValidator.run); any finding is a Doubt. */
function checkRules(document: JsonObject, v31: boolean): void {
  forEachOperation(document, RULE_METHODS, (pathName, item, operation) => {
    checkParameters(document, `/paths${pathName}`, item.parameters, operation.parameters)
    const responses = operation.responses ?? {}
    if (!isObject(responses)) doubt()
    for (const rawResponse of Object.values(responses)) {
      if (!rawResponse) continue
      const response = objectAt(document, rawResponse)
      const headers = response.headers ?? {}
      if (!isObject(headers)) doubt()
      for (const rawHeader of Object.values(headers)) {
        const header = objectAt(document, rawHeader)
        if (header.schema) checkSchema(document, header.schema)
        else if (header.content) checkContent(document, header.content)
      }
      if (response.content) checkContent(document, response.content)
    }
  })
  if (!v31 && document.components !== undefined) {
    if (!isObject(document.components)) doubt()
    for (const section of Object.values(document.components)) {
      if (section === null || section === undefined) doubt()
      if (Object.keys(section as object).some((name) => !COMPONENT_NAME.test(name))) doubt()
    }
  }
  if (v31 && [document.paths, document.webhooks, document.components].every((part) => Object.keys(part ?? {}).length === 0)) doubt()
}

function checkParameters(document: JsonObject, pathId: string, pathLevel: unknown, operationLevel: unknown): void {
  const pathParams = listOf(document, pathLevel)
  const operationParams = listOf(document, operationLevel)
  const params = mergeParameters(pathParams, operationParams)
  checkPathParameters([...new Set(pathId.match(/\{([^/}]+)}/g) ?? [])], params)
  for (const param of params) {
    if (!param.schema && param.content) {
      const content = isObject(param.content) ? param.content : doubt()
      const types = Object.keys(content)
      if (types.length !== 1) doubt()
      const media = isObject(content[types[0] as string]) ? (content[types[0] as string] as JsonObject) : doubt()
      if (media.schema) checkSchema(document, media.schema)
    } else {
      checkSchema(document, param.schema)
    }
  }
}

function listOf(document: JsonObject, value: unknown): JsonObject[] {
  if (value === undefined || value === null || value === false) return []
  return Array.isArray(value) ? value.map((item) => objectAt(document, item)) : doubt()
}

function checkContent(document: JsonObject, value: unknown): void {
  const content = isObject(value) ? value : doubt()
  for (const rawMedia of Object.values(content)) {
    const media = isObject(rawMedia) ? rawMedia : doubt()
    if (media.schema) checkSchema(document, media.schema)
  }
}

/** "An array, so it must include an `items` schema" (array-without-items). */
function checkSchema(document: JsonObject, value: unknown): void {
  const schema = objectAt(document, value)
  if (schema.type === 'array' && !schema.items) doubt()
}
