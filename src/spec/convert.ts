import { convertObj } from 'swagger2openapi'
import type { JsonObject, OpenApiDocument } from './document'
import { SpecError } from '../errors'

/**
 * swagger2openapi keeps the source text for its own validator (which we do not run), and when none
 * is given builds it with a YAML stringify of the whole document: ~0.3–0.4 s of a 0.7 s conversion
 * of Kubernetes' 4 MB document. The text is never read on the conversion path, so give it one.
 */
const UNUSED_SOURCE_TEXT = ' '

/**
 * Swagger 2.0 becomes OpenAPI 3.0 (openapi-typescript and our generator read 3.x only). The
 * document is handed over: swagger2openapi clones it first (its output never shares objects with
 * it) but may change a few of its parts (`x-ms-parameterized-host` parameters), and no caller reads
 * it afterwards (prepareSpec keeps the result only), so no clone of our own (~30 ms on Kubernetes).
 */
export async function toOpenApi3(api: string, file: string, document: JsonObject): Promise<OpenApiDocument> {
  if (typeof document.swagger !== 'string') return document as OpenApiDocument
  try {
    const result = await convertObj(document, { patch: true, warnOnly: true, resolve: false, direct: false, text: UNUSED_SOURCE_TEXT })
    return result.openapi as OpenApiDocument
  } catch (error) {
    throw new SpecError(api, [{ file, pointer: '', message: `cannot convert Swagger 2.0 to OpenAPI 3: ${(error as Error).message}`, severity: 'error' }], {
      cause: error,
    })
  }
}
