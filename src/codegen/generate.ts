import { buildApiDef } from './api-def'
import { buildDeclarations } from './declarations'
import type { OpenApiDocument } from '../spec/document'
import { buildModule } from './module'
import { groupByTag, nameOperations, nameSchemas } from './names'
import { collectOperations } from './operations'
import { buildTypes } from './types'

export interface GenerateInput {
  name: string
  document: OpenApiDocument
  /** Overrides the document's `servers` with one base URL (the `baseUrl` option). */
  baseUrl?: string
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
  operations: number
}

/** Document in, module text out: pure apart from openapi-typescript's type generation. */
export async function generateApi({ name, document, baseUrl }: GenerateInput): Promise<GeneratedApi> {
  const api = buildApiDef(name, document)
  if (baseUrl !== undefined) api.servers = [{ url: baseUrl }]
  const operations = nameOperations(collectOperations(document))
  const groups = groupByTag(document, operations)
  const code = buildModule({ api, operations, groups })
  const hot = buildModule({ api, operations, groups, hot: true })
  const types = await buildTypes(document)
  const shared = { types, operations, groups, schemas: nameSchemas(document), securitySchemes: Object.keys(api.securitySchemes ?? {}) }
  return {
    code,
    hot,
    ambient: buildDeclarations({ ...shared, ambient: true }),
    standalone: buildDeclarations({ ...shared, ambient: false }),
    operations: operations.length,
  }
}
