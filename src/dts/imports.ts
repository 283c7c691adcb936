import { VIRTUAL_PREFIX as API_PREFIX } from '../core/virtual-id'

/** What one source file takes from one API: named bindings, or everything. */
export interface ApiImports {
  /** A default, namespace, `export *`, dynamic or `/query` import: every operation may be used. */
  all: boolean
  /** Imported (or re-exported) binding names, as the module exports them (before any `as`). */
  names: Set<string>
  /** Something imports `virtual:api/<name>/query`: its declarations are written. */
  query: boolean
  /** Something imports `virtual:api/<name>/mocks`: its declarations (and msw's types) are written. */
  mocks: boolean
}

/** Per API name, what a set of files imports from `virtual:api/<name>`. */
export type ImportSet = Map<string, ApiImports>

const QUOTE = `(['"])${escapeRegExp(API_PREFIX)}([^'"\\r\\n]+)\\`
/** `import … from 'virtual:api/x'` and `export … from 'virtual:api/x'`; the clause has no quotes or semicolons. */
const STATIC = new RegExp(`\\b(import|export)\\s+([^;'"\`]*?)\\s*\\bfrom\\s*${QUOTE}3`, 'g')
/** `import('virtual:api/x')`: any member may be read from the namespace it resolves to. */
const DYNAMIC = new RegExp(`\\bimport\\s*\\(\\s*${QUOTE}1\\s*\\)`, 'g')

/**
 * The `virtual:api/*` imports of one source file, by a cheap scan of its text rather than a
 * parse: it must read TypeScript, JSX, Vue and Svelte files alike, before any compiler has run
 * (the `sync` command) and inside any bundler's transform hook. Comments are dropped (a doc
 * comment showing `import api from 'virtual:api/x'` must not type all of `x`); where the scan
 * is unsure it errs on the side of more, which costs declarations, never a missing type.
 */
export function scanImports(source: string): ImportSet {
  const found: ImportSet = new Map()
  if (!source.includes(API_PREFIX)) return found
  const code = withoutComments(source)
  for (const match of code.matchAll(STATIC)) {
    const [, keyword, clause = '', , id = ''] = match
    const { api, sub } = split(id)
    const entry = entryFor(found, api)
    if (sub === 'query') entry.all = entry.query = true
    else if (sub === 'mocks') entry.mocks = true
    else if (sub === undefined) readClause(keyword === 'export', clause, entry)
  }
  for (const match of code.matchAll(DYNAMIC)) {
    const { api, sub } = split(match[2] ?? '')
    const entry = entryFor(found, api)
    if (sub === 'mocks') entry.mocks = true
    else entry.all = true
    if (sub === 'query') entry.query = true
  }
  return found
}

/** Adds `from` into `into` (the union of what several files import). */
export function mergeImports(into: ImportSet, from: ImportSet): ImportSet {
  for (const [api, imports] of from) {
    const entry = entryFor(into, api)
    entry.all ||= imports.all
    entry.query ||= imports.query
    entry.mocks ||= imports.mocks
    for (const name of imports.names) entry.names.add(name)
  }
  return into
}

/** A stable text for an API's selection: equal texts mean equal declarations. */
export function selectionKey(imports: ApiImports | undefined): string {
  if (!imports) return ''
  return imports.all ? '*' : [...imports.names].sort().join(',')
}

/**
 * Strings stay (they hold the module ids), comments become a space. A quote inside a regular
 * expression literal can open a false string; it ends at that line's end, so at worst one line
 * is misread.
 */
const TOKENS = /("(?:[^"\\\r\n]|\\.)*"|'(?:[^'\\\r\n]|\\.)*'|`(?:[^`\\]|\\[\s\S])*`)|\/\/[^\r\n]*|\/\*[\s\S]*?\*\//g

function withoutComments(code: string): string {
  return code.replace(TOKENS, (_match, string: string | undefined) => string ?? ' ')
}

/** Bindings that hand out every operation: the default client, and `createClient()`'s tree. */
const WHOLE_API = new Set(['default', 'createClient'])

function readClause(isExport: boolean, clause: string, entry: ApiImports): void {
  const text = clause.replace(/^type\s+/, '').trim()
  const braces = text.match(/\{([^}]*)\}/)
  const outside = (braces ? text.replace(braces[0], '') : text).replace(/,/g, ' ').trim()
  // Outside the braces: a default binding (`import api`), `* as ns`, or `export *`.
  if (outside !== '' || (isExport && !braces)) entry.all = true
  for (const part of braces?.[1]?.split(',') ?? []) {
    const name = part
      .trim()
      .replace(/^type\s+/, '')
      .split(/\s+as\s+/)[0]
      ?.trim()
      .replace(/^(['"])(.*)\1$/, '$2')
    if (!name) continue
    if (WHOLE_API.has(name)) entry.all = true
    else entry.names.add(name)
  }
}

function split(id: string): { api: string; sub: string | undefined } {
  const slash = id.indexOf('/')
  return slash === -1 ? { api: id, sub: undefined } : { api: id.slice(0, slash), sub: id.slice(slash + 1) }
}

function entryFor(set: ImportSet, api: string): ApiImports {
  let entry = set.get(api)
  if (!entry) set.set(api, (entry = { all: false, names: new Set(), query: false, mocks: false }))
  return entry
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
}
