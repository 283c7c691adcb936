import { astToString, resolveRef as resolveTypeRef, scanDiscriminators, transformSchema, type GlobalContext, type OpenAPI3 } from 'openapi-typescript'
import ts from 'typescript'
import { isObject, resolveRef, type JsonObject, type OpenApiDocument } from '../spec/document'

/**
 * Type declarations (`paths`, `components`, `operations`, `webhooks`) from openapi-typescript's
 * transform, called directly. `openapiTS()` would first run Redocly's loader, linter and bundler:
 * our document is already bundled (internal references only) and validated, so that pass would
 * cost seconds on large documents and could only fetch what we refused to fetch. The context
 * below is openapi-typescript's own defaults (its `openapiTS` builds the same object).
 */
export async function buildTypes(document: OpenApiDocument): Promise<string> {
  const schema = structuredClone(document) as unknown as OpenAPI3
  normalizeDiscriminators(schema)
  inlineComponentAliases(schema as unknown as JsonObject)
  const ctx: GlobalContext = {
    additionalProperties: false,
    alphabetize: false,
    arrayLength: false,
    defaultNonNullable: true,
    discriminators: scanDiscriminators(schema, { silent: true }),
    emptyObjectsUnknown: false,
    enum: false,
    enumValues: false,
    conditionalEnums: false,
    dedupeEnums: false,
    excludeDeprecated: false,
    exportType: false,
    immutable: false,
    rootTypes: false,
    rootTypesNoSchemaPrefix: false,
    rootTypesKeepCasing: false,
    // Ours first, so openapi-typescript does not add its own (it adds one only if none is there).
    injectFooter: [withRequiredHelper()],
    pathParamsAsTypes: false,
    postTransform: undefined,
    propertiesRequiredByDefault: false,
    // Only openapiTS()'s Redocly pass reads it; the transform never does.
    redoc: undefined as unknown as GlobalContext['redoc'],
    silent: true,
    // `format: binary` is a Blob for the runtime both ways (multipart parts, octet-stream bodies).
    transform: (schemaObject) => (isBinary(schemaObject) ? ts.factory.createTypeReferenceNode('Blob') : undefined),
    transformProperty: undefined,
    makePathsEnum: false,
    generatePathParams: false,
    readWriteMarkers: false,
    resolve: ($ref) => resolveTypeRef(schema, $ref, { silent: true }),
  }
  return astToString(transformSchema(schema, ctx))
}

/**
 * openapi-typescript's `WithRequired<T, K extends keyof T>` fails tsc (TS2344, constraint `never`)
 * when `T` is nullable: an allOf member `A | null` with `required` gives `WithRequired<A | null, "x">`,
 * and `keyof (A | null)` is `never`. Ours takes the keys of `NonNullable<T>`, so the same output
 * type-checks; the result is `A & { x: … }` (the `null` branch intersects to `never`), which is what
 * an allOf that requires `x` can be.
 */
function withRequiredHelper(): ts.Node {
  // Built with the factory rather than parsed from text (openapi-typescript's stringToAST): the first
  // parse in a process compiles TypeScript's parser, a fixed cost of 5–40 ms, more than the rest of
  // a small document's types. It prints the same text (test/unit/codegen/generated-files.test.ts).
  const f = ts.factory
  const ref = (name: string, args?: ts.TypeNode[]) => f.createTypeReferenceNode(name, args)
  const nonNullable = () => ref('NonNullable', [ref('T')])
  const keys = f.createIntersectionTypeNode([ref('K'), f.createTypeOperatorNode(ts.SyntaxKind.KeyOfKeyword, nonNullable())])
  const mapped = f.createMappedTypeNode(
    undefined,
    f.createTypeParameterDeclaration(undefined, 'P', keys),
    undefined,
    f.createToken(ts.SyntaxKind.MinusToken),
    f.createIndexedAccessTypeNode(nonNullable(), ref('P')),
    undefined,
  )
  const params = [f.createTypeParameterDeclaration(undefined, 'T'), f.createTypeParameterDeclaration(undefined, 'K', ref('PropertyKey'))]
  return f.createTypeAliasDeclaration(undefined, 'WithRequired', params, f.createIntersectionTypeNode([ref('T'), mapped]))
}

/**
 * A discriminator mapping may name a schema bare (`Cat`) as the specification allows; openapi-typescript
 * only resolves references, so bare names become `#/components/schemas/Cat`.
 */
export function normalizeDiscriminators(node: unknown, seen = new Set<unknown>()): void {
  if (typeof node !== 'object' || node === null || seen.has(node)) return
  seen.add(node)
  if (Array.isArray(node)) {
    for (const item of node) normalizeDiscriminators(item, seen)
    return
  }
  const object = node as JsonObject
  const discriminator = object.discriminator
  if (isObject(discriminator) && isObject(discriminator.mapping)) {
    for (const [key, value] of Object.entries(discriminator.mapping)) {
      if (typeof value === 'string' && !value.includes('#') && !value.includes('/') && !value.includes('.')) {
        discriminator.mapping[key] = `#/components/schemas/${value}`
      }
    }
  }
  for (const value of Object.values(object)) normalizeDiscriminators(value, seen)
}

/**
 * A component that is only a `$ref` to another component (`requestBodies.NestedRef: {$ref: ARequestBody}`)
 * is transformed into a wrong shape by openapi-typescript unless Redocly's bundler has resolved it
 * first; give it the target's content instead. Schemas are left alone: schema aliases work.
 */
export function inlineComponentAliases(document: JsonObject): void {
  if (!isObject(document.components)) return
  for (const [section, entries] of Object.entries(document.components)) {
    if (section === 'schemas' || !isObject(entries)) continue
    for (const [name, value] of Object.entries(entries)) {
      if (!isObject(value) || typeof value.$ref !== 'string') continue
      const target = resolveRef(document, value)
      if (target) entries[name] = { ...target }
    }
  }
}

function isBinary(schema: unknown): boolean {
  if (!isObject(schema) || schema.format !== 'binary') return false
  return schema.type === 'string' || (Array.isArray(schema.type) && schema.type.includes('string'))
}
