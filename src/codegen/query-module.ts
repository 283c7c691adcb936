import { banner, RUNTIME_INTERNAL_ID } from './banner'
import { jsLiteral, uniqueName } from './literals'
import type { NamedOperation } from './names'

/** What an operation gets in `virtual:api/<name>/query`; mutations for methods that change data. */
interface QueryExports {
  op: NamedOperation
  key: string
  options: string
  mutation?: string
  infinite?: string
}

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS', 'TRACE'])

/** Export names: `<op>QueryKey`, `<op>QueryOptions`, `<op>MutationOptions`, `<op>InfiniteQueryOptions`; collisions get `2`… in document order. */
function queryExports(operations: NamedOperation[]): QueryExports[] {
  const taken = new Set<string>()
  return operations.map((op) => ({
    op,
    key: uniqueName(`${op.name}QueryKey`, taken),
    options: uniqueName(`${op.name}QueryOptions`, taken),
    ...(SAFE_METHODS.has(op.def.method) ? {} : { mutation: uniqueName(`${op.name}MutationOptions`, taken) }),
    ...(op.def.pagination ? { infinite: uniqueName(`${op.name}InfiniteQueryOptions`, taken) } : {}),
  }))
}

/**
 * The JavaScript of `virtual:api/<name>/query`: TanStack Query option factories over the API
 * module's own operations (so `configure()` and the dev mock apply), one pure call per export.
 * It imports no TanStack package: the objects are plain.
 */
export function buildQueryModule(apiName: string, operations: NamedOperation[]): string {
  const api = jsLiteral(apiName)
  const lines = [
    banner(),
    `import { queryKeyOf as $$key, queryOptionsOf as $$query, mutationOptionsOf as $$mutation, infiniteQueryOptionsOf as $$infinite } from ${jsLiteral(RUNTIME_INTERNAL_ID)}`,
  ]
  if (operations.length > 0) {
    lines.push(`import { ${operations.map((op) => `${op.name} as $${op.name}`).join(', ')} } from ${jsLiteral(`virtual:api/${apiName}`)}`)
  }
  lines.push('')
  for (const q of queryExports(operations)) {
    const op = `$${q.op.name}`
    lines.push(`export const ${q.key} = /* @__PURE__ */ $$key(${api}, ${op})`)
    lines.push(`export const ${q.options} = /* @__PURE__ */ $$query(${api}, ${op})`)
    if (q.mutation) lines.push(`export const ${q.mutation} = /* @__PURE__ */ $$mutation(${api}, ${op})`)
    if (q.infinite) lines.push(`export const ${q.infinite} = /* @__PURE__ */ $$infinite(${api}, ${op})`)
  }
  return `${lines.join('\n')}\n`
}

/** Declarations for inside `declare module 'virtual:api/<name>/query'`. */
export function buildQueryDeclarations(apiName: string, operations: NamedOperation[]): string {
  const api = jsLiteral(apiName)
  const lines = [
    `import type { QueryKeyFn as $$QueryKeyFn, QueryOptionsFn as $$QueryOptionsFn, MutationOptionsFn as $$MutationOptionsFn, InfiniteQueryOptionsFn as $$InfiniteQueryOptionsFn } from ${jsLiteral(RUNTIME_INTERNAL_ID)}`,
  ]
  if (operations.length > 0) {
    lines.push(`import type { ${operations.map((op) => `${op.name} as $${op.name}`).join(', ')} } from ${jsLiteral(`virtual:api/${apiName}`)}`)
  }
  for (const q of queryExports(operations)) {
    const args = `${api}, ${jsLiteral(q.op.def.id)}, typeof $${q.op.name}`
    lines.push(`/** \`${q.op.def.method} ${q.op.pathKey.replace(/\*\//g, '*\\/').replace(/[\r\n\u2028\u2029]/g, ' ')}\` */`)
    lines.push(`export const ${q.key}: $$QueryKeyFn<${args}>`)
    lines.push(`export const ${q.options}: $$QueryOptionsFn<${args}>`)
    if (q.mutation) lines.push(`export const ${q.mutation}: $$MutationOptionsFn<${args}>`)
    if (q.infinite) lines.push(`export const ${q.infinite}: $$InfiniteQueryOptionsFn<${args}>`)
  }
  return `${lines.map((line) => `  ${line}`).join('\n')}\n`
}
