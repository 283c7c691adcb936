import type { ParameterLocation } from '../../runtime/api/types'
import { indexKey, jsLiteral } from './literals'
import type { NamedOperation, OperationTypeNames, TagGroup } from './names'
import { isSuccessStatus, LOCATIONS } from './operations'

/**
 * The contract types alone (runtime/types.ts): with tsc 5.9 and `skipLibCheck: false`, the public
 * entry's declaration graph (classes, functions) cost every app ≈ 0.1 s of checking.
 */
export const RUNTIME_TYPES_ID = '@codomyrmex/networking/runtime/types'

export interface DeclarationInput {
  /** openapi-typescript's output: `paths`, `components`, `operations`, `webhooks`, `$defs`. */
  types: string
  operations: NamedOperation[]
  groups: TagGroup[]
  schemas: Array<{ alias: string; schema: string }>
  securitySchemes: string[]
  /** Per operation (same order as `operations`): the names of its input, data and error types. */
  typeNames: OperationTypeNames[]
  /**
   * Operation names that get their full types; the others are declared by name only (a cheap
   * index the editor completes from). Absent: every operation is fully typed.
   */
  typed?: ReadonlySet<string>
  /** Inside `declare module '…'` (no `declare` keyword allowed) or a standalone `.d.ts` file. */
  ambient: boolean
}

/**
 * The body of the declarations for one API: usable inside `declare module 'virtual:api/<name>'`
 * or as a standalone `<name>.d.ts`. Per-operation types index into openapi-typescript's `paths`
 * instead of repeating shapes, so the checker only expands what the app touches.
 */
export function buildDeclarations(input: DeclarationInput): string {
  const out: string[] = [
    `import type { ApiClientOptions as __ApiClientOptions, ErrorResponse as __ErrorResponse, Operation as __Operation, ServerSentEvent as __ServerSentEvent } from ${jsLiteral(RUNTIME_TYPES_ID)}`,
    '',
    input.types.trimEnd(),
    '',
  ]
  // Said once here rather than in each of (for GitHub) 1 200 doc comments: 100 KB the checker would scan.
  if (input.typed)
    out.push('// An operation declared as a bare `__Operation` is fully typed once a file imports it (the declarations follow what the app imports).')
  for (const { alias, schema } of input.schemas) out.push(`export type ${alias} = components["schemas"]${indexKey(schema)}`)
  if (input.schemas.length > 0) out.push('')
  input.operations.forEach((op, index) => {
    const names = input.typeNames[index] as OperationTypeNames
    if (input.typed && !input.typed.has(op.name)) {
      out.push(docComment(op), `export const ${op.name}: __Operation`)
      return
    }
    const { input: inputType, data, error } = operationTypes(op)
    out.push(`export type ${names.input} = ${inputType}`, `export type ${names.data} = ${data}`, `export type ${names.error} = ${error}`)
    out.push(docComment(op), `export const ${op.name}: __Operation<${names.input}, ${names.data}, ${names.error}>`)
  })
  const schemes = input.securitySchemes.length > 0 ? input.securitySchemes.map(jsLiteral).join(' | ') : 'never'
  // Selected declarations are written only while no file imports the default export or `createClient`
  // (either types every operation), so nothing reads the tag groups: 1 223 names listed again cost
  // tsc 5.9 about 0.2 s in every app. They come back with the full declarations once such an import appears.
  const tree = treeMembers(input.operations, input.typed ? [] : input.groups)
  const client = tree.length > 0 ? `{ ${tree.join('; ')} }` : '{}'
  // The tree once, named: GitHub's is 170 KB of text that the checker would otherwise read twice.
  out.push(
    '',
    `type __Tree = ${client}`,
    `export function configure(options: __ApiClientOptions<${schemes}>): void`,
    `export function createClient(options?: __ApiClientOptions<${schemes}>): __Tree`,
    `${input.ambient ? '' : 'declare '}const __default: __Tree & { configure: typeof configure; createClient: typeof createClient }`,
    'export default __default',
  )
  return `${out.join('\n')}\n`
}

/** `listPets: typeof listPets`, then one nested object per tag group. */
function treeMembers(operations: NamedOperation[], groups: TagGroup[]): string[] {
  const members = operations.map((op) => `${op.name}: typeof ${op.name}`)
  for (const group of groups) {
    members.push(`${group.key}: { ${group.operations.map((name) => `${name}: typeof ${name}`).join('; ')} }`)
  }
  return members
}

function docComment(op: NamedOperation): string {
  const lines: string[] = []
  if (op.summary) lines.push(op.summary.replace(/\*\//g, '*\\/').replace(/\r?\n/g, ' '))
  lines.push(`\`${op.def.method} ${op.pathKey.replace(/\*\//g, '*\\/')}\``)
  if (op.deprecated) lines.push('@deprecated')
  return ['/**', ...lines.map((line) => ` * ${line}`), ' */'].join('\n')
}

function operationTypes(op: NamedOperation): { input: string; data: string; error: string } {
  const ref = `paths${indexKey(op.pathKey)}${indexKey(op.method)}`
  const members: string[] = []
  for (const where of LOCATIONS) {
    const input = op.inputs[where as ParameterLocation]
    if (!input) continue
    let type = `NonNullable<${ref}["parameters"]${indexKey(where)}>`
    const json = op.jsonParams?.filter((p) => p.in === where) ?? []
    if (json.length > 0) {
      const names = json.map((p) => jsLiteral(p.name)).join(' | ')
      type = `Omit<${type}, ${names}> & { ${json.map((p) => `${jsLiteral(p.name)}${p.required ? '' : '?'}: ${p.type}`).join('; ')} }`
    }
    members.push(`${where}${input.required ? '' : '?'}: ${type}`)
  }
  const body = op.def.body
  if (body && body.contentTypes.length > 0) {
    const types = body.contentTypes.map((type) => requestBody(type, `NonNullable<${ref}["requestBody"]>["content"]${indexKey(type)}`))
    members.push(`body${body.required ? '' : '?'}: ${types.join(' | ')}`)
    if (body.contentTypes.length > 1 || body.contentTypes.some(isRange))
      members.push(`contentType?: ${unique(body.contentTypes.map(contentTypeType)).join(' | ')}`)
  }
  const input = members.length > 0 ? `{ ${members.join('; ')} }` : '{}'
  const success: string[] = []
  const errors: string[] = []
  for (const [status, response] of Object.entries(op.def.responses ?? {})) {
    const base = `${ref}["responses"]${indexKey(status)}`
    const success_ = isSuccessStatus(status)
    const bodyType =
      response.contentTypes.length > 0
        ? unique(response.contentTypes.map((type) => (success_ ? successBody : errorBody)(type, `${base}["content"]${indexKey(type)}`))).join(' | ')
        : 'undefined'
    if (success_) success.push(bodyType)
    else errors.push(`__ErrorResponse<${statusType(status)}, ${bodyType}>`)
  }
  const data = success.length > 0 ? unique(success).join(' | ') : 'unknown'
  const error = errors.length > 0 ? errors.join(' | ') : 'never'
  return { input, data, error }
}

// The runtime reads a body by its media type (runtime/http/response.ts): declare what it returns.
const JSON_TYPE = /^application\/(?:[\w!#$%&*.^`~-]*\+)?json$|^\*\/\*$/i
const TEXT_TYPE = /^text\/|^application\/(?:xml|xhtml\+xml|javascript|x-www-form-urlencoded)$|\+xml$/i

/** JSON (and `*\/*`, usually JSON) as the schema says; text as `string`; SSE as events; the rest as `Blob`. */
function successBody(mediaType: string, schemaType: string): string {
  const type = mediaType.split(';')[0]?.trim().toLowerCase() ?? ''
  if (JSON_TYPE.test(type)) return schemaType
  if (type === 'text/event-stream') return 'AsyncGenerator<__ServerSentEvent, void, undefined>'
  return TEXT_TYPE.test(type) ? 'string' : 'Blob'
}

/** Binary media (octet-stream, images) also take the byte containers the runtime hands to fetch as they are. */
function requestBody(mediaType: string, schemaType: string): string {
  const type = mediaType.split(';')[0]?.trim().toLowerCase() ?? ''
  if (JSON_TYPE.test(type) || TEXT_TYPE.test(type) || type.startsWith('multipart/')) return schemaType
  return `${schemaType} | ArrayBuffer | ArrayBufferView | ReadableStream<Uint8Array>`
}

const isRange = (type: string): boolean => type.includes('*')

/** A range (`image/*`) admits any concrete type within it: `` `image/${string}` ``. */
function contentTypeType(type: string): string {
  if (!isRange(type)) return jsLiteral(type)
  const main = type.split('/')[0]!.trim()
  // Only a plain token goes into the template literal type; anything odd widens to any type.
  return /^[\w!#%&'+.^|~-]+$/.test(main) ? `\`${main}/\${string}\`` : '`${string}/${string}`'
}

/** Error bodies are parsed when JSON and kept as text otherwise. */
function errorBody(mediaType: string, schemaType: string): string {
  const type = mediaType.split(';')[0]?.trim().toLowerCase() ?? ''
  return JSON_TYPE.test(type) ? schemaType : 'string'
}

/** `404` stays a literal; ranges (`4XX`) widen to `number`; `default` is the contract's own tag. */
function statusType(status: string): string {
  if (status === 'default') return '"default"'
  return /^\d{3}$/.test(status) ? status : 'number'
}

function unique(values: string[]): string[] {
  return [...new Set(values)]
}
