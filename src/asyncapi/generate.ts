import { buildTypes } from '../codegen/types'
import type { OpenApiDocument } from '../spec/document'
import { buildWsDeclarations, buildWsModule, HEADERS_ROOT, QUERY_ROOT } from './codegen'
import type { Json } from './json'
import type { AsyncApiModel } from './model'
import { typeDocument, type SchemaRoot } from './schemas'

export interface GeneratedWsApi {
  code: string
  ambient: string
  standalone: string
}

/** Model in, module and declarations out. */
export async function generateWsApi(document: Json, model: AsyncApiModel): Promise<GeneratedWsApi> {
  const roots: SchemaRoot[] = []
  for (const m of model.messages) if (m.payload) roots.push({ name: m.type, pointer: m.payload })
  for (const c of model.channels) {
    if (c.query) roots.push({ name: QUERY_ROOT(c.key), pointer: c.query })
    if (c.headers) roots.push({ name: HEADERS_ROOT(c.key), pointer: c.headers })
  }
  const types = await buildTypes(typeDocument(document, roots) as unknown as OpenApiDocument)
  return {
    code: buildWsModule(model),
    ambient: buildWsDeclarations(model, types, true),
    standalone: buildWsDeclarations(model, types, false),
  }
}
