import { isObject, type OpenApiDocument } from '../spec/document'
import { buildApiDef } from './api-def'
import { buildDeclarations } from './declarations'
import { groupByTag, nameOperations, nameOperationTypes, nameSchemas } from './names'
import { collectOperations } from './operations'
import { selectOperations } from './subset'
import { buildTypes } from './types'

/**
 * Declarations where only the operations an app imports carry their types (and only the schemas
 * those reach are in `components`); every other operation is declared by name alone. The
 * checker's cost then follows the app, not the API: GitHub's 1 223 operations are 8 MB of
 * declarations, one operation a few KB.
 *
 * `imported` holds binding names as written in imports: operation exports, their `…Input`,
 * `…Data`, `…Error` types, and schema aliases. Names, aliases and their order come from the whole
 * document, so they are the same whichever subset is typed, and the output is byte-stable for a
 * given set.
 */
export async function buildSelectedDeclarations(name: string, document: OpenApiDocument, imported: Iterable<string>, ambient = true): Promise<string> {
  const operations = nameOperations(collectOperations(document))
  const schemas = nameSchemas(document)
  const typeNames = nameOperationTypes(operations, schemas)
  const wanted = new Set(imported)
  const typed = new Set<string>()
  const ids: string[] = []
  operations.forEach((op, index) => {
    const names = typeNames[index]
    if (wanted.has(op.name) || (names && (wanted.has(names.input) || wanted.has(names.data) || wanted.has(names.error)))) {
      typed.add(op.name)
      ids.push(op.def.id)
    }
  })
  const subset = selectOperations(document, { operations: ids, schemas: schemas.filter(({ alias }) => wanted.has(alias)).map(({ schema }) => schema) })
  const kept = isObject(subset.components) && isObject(subset.components.schemas) ? subset.components.schemas : {}
  return buildDeclarations({
    types: await buildTypes(subset),
    operations,
    typed,
    typeNames,
    groups: groupByTag(document, operations),
    schemas: schemas.filter(({ schema }) => Object.hasOwn(kept, schema)),
    securitySchemes: Object.keys(buildApiDef(name, document).securitySchemes ?? {}),
    ambient,
  })
}
