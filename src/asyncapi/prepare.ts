import type { Problem } from '../errors'
import { loadDocument } from '../spec/load'
import type { Json } from './json'
import { locate, validateAsyncApi } from './validate'
import { buildModel, type AsyncApiModel, type Perspective } from './model'

export interface PreparedAsyncApi {
  entry: string
  sources: Map<string, string>
  document: Json
  model: AsyncApiModel
  warnings: Problem[]
}

/**
 * Load (the same loader, limits and offline `$ref` rules as OpenAPI documents), validate against the
 * official schema with located problems, then read the client's model.
 */
export async function prepareAsyncApi(
  api: string,
  entry: string,
  options: { allowRemote: readonly string[]; allowRefsFrom?: readonly string[]; perspective?: Perspective },
): Promise<PreparedAsyncApi> {
  const loaded = await loadDocument(entry, { api, allowRemote: options.allowRemote, allowRefsFrom: options.allowRefsFrom ?? [] })
  validateAsyncApi(api, loaded)
  const model = buildModel(loaded.document, options.perspective)
  return { entry, sources: loaded.sources, document: loaded.document, model, warnings: locate(loaded, model.warnings) }
}
