import type { ApiDef } from '../../runtime/api/types'
import { banner, RUNTIME_ID } from './banner'
import { jsLiteral } from './literals'
import type { NamedOperation, TagGroup } from './names'

export interface ModuleInput {
  api: ApiDef
  operations: NamedOperation[]
  groups: TagGroup[]
}

/**
 * The JavaScript of `virtual:api/<name>`: one pure `operation()` call per export so bundlers drop
 * whatever the app does not import, a client tree for `createClient`, and the default export.
 * Local bindings start with `$`, which operation names never contain.
 */
export function buildModule({ api, operations, groups }: ModuleInput): string {
  const lines = [
    banner(),
    `import { createApi as $createApi } from ${jsLiteral(RUNTIME_ID)}`,
    '',
    `const $api = /* @__PURE__ */ $createApi(${jsLiteral(api)})`,
    '',
    `/** @param {import(${jsLiteral(RUNTIME_ID)}).ApiClientOptions} options */`,
    'export function configure(options) {',
    '  return $api.configure(options)',
    '}',
    '',
  ]
  for (const op of operations) {
    lines.push(`export const ${op.name} = /* @__PURE__ */ $api.operation(${jsLiteral(op.def)})`)
  }
  const tree = treeLiteral(operations, groups)
  lines.push(
    '',
    `/** @param {import(${jsLiteral(RUNTIME_ID)}).ApiClientOptions} [options] */`,
    'export function createClient(options) {',
    `  return $api.createClient(options ?? {}, {${tree}})`,
    '}',
    '',
    `export default {${tree}${operations.length > 0 || groups.length > 0 ? ',' : ''} configure, createClient }`,
  )
  return `${lines.join('\n')}\n`
}

/** `{ listPets, showPetById, pets: { listPets, showPetById } }` (names are identifiers already). */
function treeLiteral(operations: NamedOperation[], groups: TagGroup[]): string {
  const parts = operations.map((op) => op.name)
  for (const group of groups) parts.push(`${group.key}: { ${group.operations.join(', ')} }`)
  return parts.length > 0 ? ` ${parts.join(', ')} ` : ''
}
