import { buildApiDef } from './api-def'
import { buildDeclarations } from './declarations'
import type { OpenApiDocument } from '../spec/document'
import { buildModule } from './module'
import { groupByTag, nameOperations, nameOperationTypes, nameSchemas } from './names'
import { collectOperations } from './operations'
import { buildTypes } from './types'
import { buildQueryDeclarations, buildQueryModule } from './query-module'
import { checkPaginationTargets, paginationFor, type PaginationOptions } from '../core/pagination-options'

export interface GenerateInput {
  name: string
  document: OpenApiDocument
  /** Overrides the document's `servers` with one base URL (the `baseUrl` option). */
  baseUrl?: string
  /** `apis.<name>.pagination`: put on each matching operation's data for `paginate()`. */
  pagination?: PaginationOptions
}

export interface GeneratedApi {
  /** The JavaScript module. */
  code: string
  /** The same module for the Vite dev server, accepting hot updates (see hmr/hot-module). */
  hot: string
  /** Declarations for use inside `declare module 'virtual:api/<name>' { … }`. */
  ambient: string
  /** The same declarations as a standalone `<name>.d.ts`. */
  standalone: string
  /** `virtual:api/<name>/query` and its declarations (for inside `declare module`). */
  query: string
  queryAmbient: string
  operations: number
}

/** The modules of an API, with its declarations built only when asked for. */
export interface GeneratedModules extends Omit<GeneratedApi, 'ambient' | 'standalone'> {
  /**
   * Builds the declarations (openapi-typescript's transform and TypeScript's printer: most of the
   * generation time of a large document). Apart so that the Vite dev server can send a hot update
   * before paying for them: the page needs only the module.
   */
  declarations(): Promise<Pick<GeneratedApi, 'ambient' | 'standalone'>>
}

/** Document in, module text out: pure apart from openapi-typescript's type generation. */
export async function generateApi(input: GenerateInput): Promise<GeneratedApi> {
  const { declarations, ...modules } = generateModules(input)
  return { ...modules, ...(await declarations()) }
}

/** The module texts now, the declarations on demand (see GeneratedModules). */
export function generateModules({ name, document, baseUrl, pagination }: GenerateInput): GeneratedModules {
  const api = buildApiDef(name, document)
  if (baseUrl !== undefined) api.servers = [{ url: baseUrl }]
  const operations = nameOperations(collectOperations(document))
  checkPaginationTargets(
    `apis.${name}.pagination`,
    pagination,
    operations.map((op) => op.def.id),
  )
  for (const op of operations) {
    const config = paginationFor(pagination, op.def)
    if (config) op.def.pagination = config
  }
  const groups = groupByTag(document, operations)
  return {
    code: buildModule({ api, operations, groups }),
    hot: buildModule({ api, operations, groups, hot: true }),
    query: buildQueryModule(name, operations),
    queryAmbient: buildQueryDeclarations(name, operations),
    operations: operations.length,
    declarations: async () => {
      const types = await buildTypes(document)
      const schemas = nameSchemas(document)
      const typeNames = nameOperationTypes(operations, schemas)
      const shared = { types, operations, groups, schemas, typeNames, securitySchemes: Object.keys(api.securitySchemes ?? {}) }
      return { ambient: buildDeclarations({ ...shared, ambient: true }), standalone: buildDeclarations({ ...shared, ambient: false }) }
    },
  }
}
