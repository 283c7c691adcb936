import { generateApi, generateModules, type GeneratedApi, type GeneratedModules } from '../codegen/generate'
import { selectOperations } from '../codegen/subset'
import { OptionsError, type Problem } from '../errors'
import type { OpenApiDocument } from '../spec/document'
import { listOperations } from '../spec/operations'
import { prepareSpec } from '../spec/prepare'
import type { ResolvedApi } from './options'

/** Where documents and their `$ref`s may be read from (the options of the same names). */
export interface SpecAccess {
  allowRemote: readonly string[]
  allowRefsFrom: readonly string[]
}

export interface PreparedApi {
  /** Every file read, by path or URL (the document first): what is watched and hashed. */
  sources: Map<string, string>
  warnings: Problem[]
  /** OpenAPI 3.x, cut down to the API's `operations`/`tags` when it has them. */
  document: OpenApiDocument
}

export interface BuiltApi extends PreparedApi {
  output: GeneratedApi
}

export interface BuiltModules extends PreparedApi {
  /** The module texts; `output.declarations()` builds the declarations when called. */
  output: GeneratedModules
}

/**
 * Load, validate and convert the document, then keep the operations the API asks for. The mocks
 * start here too, so they serve exactly the operations the client has.
 */
export async function prepareApi(api: ResolvedApi, access: SpecAccess): Promise<PreparedApi> {
  const prepared = await prepareSpec(api.name, api.spec, access.allowRemote, access.allowRefsFrom)
  if (!api.operations && !api.tags) return prepared
  const document = selectOperations(prepared.document, api)
  if (listOperations(document).length === 0) {
    throw new OptionsError(`apis.${api.name}.${api.operations ? 'operations' : 'tags'}`, 'matched no operation of the document')
  }
  return { ...prepared, document }
}

/** Document to module: the one pipeline behind the plugin (core/context) and the CLI (cli/run). */
export async function buildApi(api: ResolvedApi, access: SpecAccess): Promise<BuiltApi> {
  const prepared = await prepareApi(api, access)
  const output = await generateApi(generateInput(api, prepared.document))
  return { ...prepared, output }
}

/** buildApi with the declarations left for later: the dev server sends the module first. */
export async function buildModules(api: ResolvedApi, access: SpecAccess): Promise<BuiltModules> {
  const prepared = await prepareApi(api, access)
  return { ...prepared, output: generateModules(generateInput(api, prepared.document)) }
}

function generateInput(api: ResolvedApi, document: OpenApiDocument): Parameters<typeof generateApi>[0] {
  return {
    name: api.name,
    document,
    ...(api.baseUrl === undefined ? {} : { baseUrl: api.baseUrl }),
    ...(api.pagination ? { pagination: api.pagination } : {}),
  }
}
