import type { OpenApiDocument } from './document'
import type { Problem } from '../errors'
import { toOpenApi3 } from './convert'
import { loadDocument, withReadFiles } from './load'
import { validateDocument } from './validate'

export interface PreparedSpec {
  entry: string
  /** Every file read, by path or URL: what the bundler watches and the cache hashes. */
  sources: Map<string, string>
  /** OpenAPI 3.x, external references bundled in. */
  document: OpenApiDocument
  warnings: Problem[]
}

/** Load (no network unless allowed), validate with located problems, convert Swagger 2.0. */
export async function prepareSpec(api: string, entry: string, allowRemote: readonly string[], allowRefsFrom: readonly string[] = []): Promise<PreparedSpec> {
  const loaded = await loadDocument(entry, { api, allowRemote, allowRefsFrom })
  try {
    const warnings = [...(loaded.warnings ?? []), ...(await validateDocument(api, loaded))]
    const document = await toOpenApi3(api, entry, loaded.document)
    return { entry, sources: loaded.sources, document, warnings }
  } catch (error) {
    throw withReadFiles(error, loaded.sources.keys())
  }
}
