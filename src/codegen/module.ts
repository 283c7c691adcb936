import type { ApiDef, OperationDef, OperationParts } from '../../runtime/api/types'
import { banner, RUNTIME_ID, RUNTIME_INTERNAL_ID } from './banner'
import { jsLiteral } from './literals'
import type { NamedOperation, TagGroup } from './names'
import { hotFooter, HOT_PRELUDE } from '../hmr/hot-module'

export interface ModuleInput {
  api: ApiDef
  operations: NamedOperation[]
  groups: TagGroup[]
  /** The Vite dev server's variant: operations behind stable proxies that accept hot updates (see hmr/hot-module). */
  hot?: boolean
}

/**
 * The JavaScript of `virtual:api/<name>`: one pure `operation()` call per export so bundlers drop
 * whatever the app does not import, a client tree for `createClient`, and the default export.
 * Local bindings start with `$`, which operation names never contain.
 */
export function buildModule({ api, operations, groups, hot = false }: ModuleInput): string {
  const features = featuresOf(api, operations)
  const opParts = operations.map((op) => partsOf(op.def))
  const server = [...(api.servers ?? []), ...operations.flatMap((op) => op.def.servers ?? [])].some((s) => !plainUrl(s.url))
  const used = [...new Set([...opParts.flat().map(([, name]) => name), ...(server ? ['serverPart'] : [])])].sort()
  const imports = [
    'createApiCore as $createApi',
    'createApiClient as $createApiClient',
    ...features.map((f) => `${f} as $${f}`),
    ...used.map((f) => `${f} as $${f}`),
  ]
  // In the hot variant a newer module instance's API takes over `configure` and `createClient`.
  const current = hot ? '($hotData?.api ?? $api)' : '$api'
  const tree = treeLiteral(operations, groups)
  const lines = [
    banner(),
    `import { ${imports.join(', ')} } from ${jsLiteral(RUNTIME_INTERNAL_ID)}`,
    '',
    `const $api = /* @__PURE__ */ $createApi(${jsLiteral(api)}, {${features.map((f) => ` ...$${f}`).join(',')}${features.length > 0 ? ' ' : ''}}${server ? ', { server: $serverPart }' : ''})`,
    ...(hot ? [HOT_PRELUDE] : []),
    '',
    `/** @param {import(${jsLiteral(RUNTIME_ID)}).ApiClientOptions} options */`,
    'export function configure(options) {',
    ...(hot ? ['  if ($hotData) ($hotData.configured ??= []).push(options)'] : []),
    `  return ${current}.configure(options)`,
    '}',
    '',
  ]
  for (const [i, op] of operations.entries()) {
    const parts = opParts[i]!
    const operation = `$api.operation(${jsLiteral(op.def)}${parts.length > 0 ? `, { ${parts.map(([key, name]) => `${key}: $${name}`).join(', ')} }` : ''})`
    lines.push(`export const ${op.name} = ${hot ? `$hot(${jsLiteral(op.name)}, ${operation})` : `/* @__PURE__ */ ${operation}`}`)
  }
  lines.push(
    '',
    `/** @param {import(${jsLiteral(RUNTIME_ID)}).ApiClientOptions} [options] */`,
    'export function createClient(options) {',
    // Its own import, not a method: a bundle that never imports createClient leaves the tree walk out.
    `  return $createApiClient(${current}, options ?? {}, ${hot ? '$hotData?.tree ?? ' : ''}{${tree}})`,
    '}',
    '',
    `export default {${tree}${operations.length > 0 || groups.length > 0 ? ',' : ''} configure, createClient }`,
  )
  if (hot)
    lines.push(
      hotFooter(
        operations.map((op) => op.name),
        `{${tree}}`,
      ),
    )
  return `${lines.join('\n')}\n`
}

/**
 * The runtime features this document needs (see runtime `RuntimeFeatures`), in a fixed order:
 * only those are imported, so the bundle leaves the others out.
 */
function featuresOf(api: ApiDef, operations: NamedOperation[]): string[] {
  const schemes = Object.values(api.securitySchemes ?? {})
  const secured = schemes.length > 0 || (api.security?.length ?? 0) > 0 || operations.some((op) => (op.def.security?.length ?? 0) > 0)
  const sse = operations.some((op) =>
    Object.values(op.def.responses ?? {}).some((r) => r.contentTypes.some((t) => t.toLowerCase().startsWith('text/event-stream'))),
  )
  const forms = operations.some((op) => op.def.body?.contentTypes.some((t) => /^\s*(application\/x-www-form-urlencoded|multipart\/)/i.test(t)))
  return [
    ...(secured ? ['authFeature'] : []),
    ...(schemes.some((s) => s.type === 'oauth2') ? ['oauth2Feature'] : []),
    ...(sse ? ['sseFeature'] : []),
    ...(forms ? ['formsFeature'] : []),
  ]
}

const TEMPLATE = /\{[^}]+\}/

/** An absolute URL without `{variables}` that parses: used as written, so the `server` part stays out. */
function plainUrl(url: string): boolean {
  if (!/^[a-z][a-z\d+.-]*:\/\//i.test(url) || TEMPLATE.test(url)) return false
  try {
    new URL(url)
    return true
  } catch {
    return false
  }
}

/**
 * The runtime parts (`OperationParts`) one operation's data needs, as `[key, export]`: only these
 * are imported, so a bundle carries only the parameter styles and body encoder its operations use.
 * Keys and export names are fixed words, never text from the document.
 */
function partsOf(def: OperationDef): Array<[keyof OperationParts, string]> {
  const params = def.params ?? []
  const parts: Array<[keyof OperationParts, string]> = []
  if (TEMPLATE.test(def.path)) parts.push(['path', 'pathPart'])
  if (params.some((p) => p.in === 'header')) parts.push(['header', 'headerPart'])
  if (params.some((p) => p.in === 'cookie')) parts.push(['cookie', 'cookiePart'])
  const pairs = params.filter((p) => (p.in === 'query' || p.in === 'cookie') && !p.contentType)
  if (pairs.some((p) => p.style !== 'deepObject')) parts.push(['form', 'formPart'])
  if (pairs.some((p) => p.style === 'deepObject')) parts.push(['deepObject', 'deepObjectPart'])
  if (params.some((p) => p.contentType)) parts.push(['content', 'contentPart'])
  if (def.body) parts.push(['body', 'bodyPart'])
  return parts
}

/** `{ listPets, showPetById, pets: { listPets, showPetById } }` (names are identifiers already). */
function treeLiteral(operations: NamedOperation[], groups: TagGroup[]): string {
  const parts = operations.map((op) => op.name)
  for (const group of groups) parts.push(`${group.key}: { ${group.operations.join(', ')} }`)
  return parts.length > 0 ? ` ${parts.join(', ')} ` : ''
}
