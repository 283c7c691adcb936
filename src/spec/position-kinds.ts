/**
 * What the OpenAPI 3.0/3.1 specification schema validates a position of a document as: the kind a
 * `$ref` found there must point to for "validate the bundled document" and "validate the
 * dereferenced document" (what @readme/openapi-parser does) to give the same verdict. `any` is a
 * position the schema does not look into (examples, extensions); `other` a known position where a
 * Reference Object is not allowed, or that this table does not follow (the caller then defers to
 * the parser).
 */
export type PositionKind =
  | 'root'
  | 'paths'
  | 'pathItemMap'
  | 'pathItem'
  | 'operation'
  | 'parameterList'
  | 'parameter'
  | 'requestBody'
  | 'responses'
  | 'response'
  | 'callbackMap'
  | 'callback'
  | 'header'
  | 'headerMap'
  | 'contentMap'
  | 'mediaType'
  | 'encodingMap'
  | 'encoding'
  | 'example'
  | 'exampleMap'
  | 'link'
  | 'linkMap'
  | 'securityScheme'
  | 'components'
  | 'schema'
  | 'schemaMap'
  | 'schemaList'
  /** Swagger 2.0 `items`: one schema, or a list of them (position-kinds-v2.ts). */
  | 'schemaItems'
  /** Swagger 2.0 response `schema`: a Schema Object or a File Schema Object. */
  | 'responseSchema'
  | 'map'
  | 'any'
  | 'other'

const METHODS = new Set(['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'])

/** components/<section>/<name> holds one of these; `map` kinds remember which (see itemOf). */
const SECTIONS: Record<string, PositionKind> = {
  schemas: 'schema',
  responses: 'response',
  parameters: 'parameter',
  examples: 'example',
  requestBodies: 'requestBody',
  headers: 'header',
  securitySchemes: 'securityScheme',
  links: 'link',
  callbacks: 'callback',
}

export interface KindContext {
  /** OpenAPI 3.1: schemas are checked only as "an object or a boolean", pathItems and webhooks exist. */
  v31: boolean
}

/**
 * The kind of `key` below a position of `kind` (`section` is the component section for `map`).
 * Returns `[kind, section]` so maps of components keep what their entries are.
 */
export function childKind(kind: PositionKind, key: string, context: KindContext, section?: PositionKind): [PositionKind, PositionKind?] {
  const extension = key.startsWith('x-')
  switch (kind) {
    case 'root':
      if (key === 'paths') return ['paths']
      if (key === 'components') return ['components']
      if (key === 'webhooks' && context.v31) return ['pathItemMap']
      return [extension ? 'any' : 'other']
    case 'paths':
      return [key.startsWith('/') ? 'pathItem' : extension ? 'any' : 'other']
    case 'pathItemMap':
      return ['pathItem']
    case 'callback':
      return [extension ? 'any' : 'pathItem']
    case 'components': {
      if (extension) return ['any']
      if (key === 'pathItems' && context.v31) return ['map', 'pathItem']
      const entry = SECTIONS[key]
      return entry ? ['map', entry] : ['other']
    }
    case 'map':
      return [section ?? 'other']
    case 'pathItem':
      if (METHODS.has(key)) return ['operation']
      if (key === 'parameters') return ['parameterList']
      return [extension ? 'any' : 'other']
    case 'operation':
      if (key === 'parameters') return ['parameterList']
      if (key === 'requestBody') return ['requestBody']
      if (key === 'responses') return ['responses']
      if (key === 'callbacks') return ['callbackMap']
      return [extension ? 'any' : 'other']
    case 'parameterList':
      return ['parameter']
    case 'responses':
      return [extension ? 'any' : 'response']
    case 'callbackMap':
      return ['callback']
    case 'parameter':
    case 'header':
      return [mediaLike(key, extension)]
    case 'mediaType':
      if (key === 'encoding') return ['encodingMap']
      return [mediaLike(key, extension)]
    case 'requestBody':
      return [key === 'content' ? 'contentMap' : extension ? 'any' : 'other']
    case 'response':
      if (key === 'headers') return ['headerMap']
      if (key === 'content') return ['contentMap']
      if (key === 'links') return ['linkMap']
      return [extension ? 'any' : 'other']
    case 'contentMap':
      return ['mediaType']
    case 'encodingMap':
      return ['encoding']
    case 'encoding':
      return [key === 'headers' ? 'headerMap' : extension ? 'any' : 'other']
    case 'headerMap':
      return ['header']
    case 'exampleMap':
      return ['example']
    case 'linkMap':
      return ['link']
    case 'example':
      return [key === 'value' || extension ? 'any' : 'other']
    case 'link':
      return [key === 'parameters' || key === 'requestBody' || extension ? 'any' : 'other']
    case 'securityScheme':
      return [extension ? 'any' : 'other']
    case 'schema':
      return [context.v31 ? 'any' : schemaChild(key, extension)]
    case 'schemaMap':
    case 'schemaList':
      return ['schema']
    case 'any':
      return ['any']
    default:
      return ['other']
  }
}

function mediaLike(key: string, extension: boolean): PositionKind {
  if (key === 'schema') return 'schema'
  if (key === 'content') return 'contentMap'
  if (key === 'examples') return 'exampleMap'
  return key === 'example' || extension ? 'any' : 'other'
}

/** The OpenAPI 3.0 Schema Object's sub-schemas; its data keywords are not looked into. */
function schemaChild(key: string, extension: boolean): PositionKind {
  if (key === 'properties') return 'schemaMap'
  if (key === 'items' || key === 'additionalProperties' || key === 'not') return 'schema'
  if (key === 'allOf' || key === 'oneOf' || key === 'anyOf') return 'schemaList'
  return key === 'example' || key === 'default' || key === 'enum' || extension ? 'any' : 'other'
}

/** The kind of the position a pointer's segments name, walked from the document's root. */
export function kindAt(segments: readonly string[], context: KindContext): PositionKind {
  let kind: PositionKind = 'root'
  let section: PositionKind | undefined
  for (const segment of segments) {
    ;[kind, section] = childKind(kind, segment, context, section)
    if (kind === 'any' || kind === 'other') return kind
  }
  return kind
}
