import openapiTS, { astToString } from 'openapi-typescript'
import { isObject, type JsonObject, type OpenApiDocument } from './document'

/**
 * Type declarations (`paths`, `components`, `operations`, `webhooks`) from openapi-typescript.
 * It receives a bundled object, never a path or URL, so its own loader (Redocly) has nothing to
 * fetch; the object is cloned because the loader annotates it.
 */
export async function buildTypes(document: OpenApiDocument): Promise<string> {
  const input = structuredClone(document)
  normalizeDiscriminators(input)
  const ast = await openapiTS(input as unknown as Parameters<typeof openapiTS>[0], { silent: true })
  return astToString(ast)
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
