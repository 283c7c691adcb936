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

/** Document in, module text out: pure apart from openapi-typescript's type generation. */
export async function generateApi({ name, document, baseUrl, pagination }: GenerateInput): Promise<GeneratedApi> {
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
  const code = buildModule({ api, operations, groups })
  const hot = buildModule({ api, operations, groups, hot: true })
  const types = await buildTypes(document)
  const schemas = nameSchemas(document)
  const typeNames = nameOperationTypes(operations, schemas)
  const shared = { types, operations, groups, schemas, typeNames, securitySchemes: Object.keys(api.securitySchemes ?? {}) }
  return {
    code,
    hot,
    ambient: buildDeclarations({ ...shared, ambient: true }),
    standalone: buildDeclarations({ ...shared, ambient: false }),
    query: buildQueryModule(name, operations),
    queryAmbient: buildQueryDeclarations(name, operations),
    operations: operations.length,
  }
}
