import { convertObj } from 'swagger2openapi'
import type { JsonObject, OpenApiDocument } from './document'
import { SpecError } from '../errors'

/** Swagger 2.0 becomes OpenAPI 3.0 (openapi-typescript and our generator read 3.x only). */
export async function toOpenApi3(api: string, file: string, document: JsonObject): Promise<OpenApiDocument> {
  if (typeof document.swagger !== 'string') return document as OpenApiDocument
  try {
    const result = await convertObj(structuredClone(document), { patch: true, warnOnly: true, resolve: false, direct: false })
    return result.openapi as OpenApiDocument
  } catch (error) {
    throw new SpecError(api, [{ file, pointer: '', message: `cannot convert Swagger 2.0 to OpenAPI 3: ${(error as Error).message}`, severity: 'error' }], {
      cause: error,
    })
  }
}
