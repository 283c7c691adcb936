import { join, resolve } from 'node:path'
import ts from 'typescript'
import { describe, expect, it } from 'vitest'
import type { AsyncApiModel } from '../../../src/asyncapi/model'

/**
 * The runtime's two entries and what each exports. The public entry is what applications call;
 * `internal` is what generated modules import. Adding, removing or moving a name changes these
 * snapshots, so the change is seen in review (and docs/API_SPECIFICATION.md follows: its test
 * checks every name below is documented).
 */
const ROOT = resolve(__dirname, '../../..')
const PUBLIC = join(ROOT, 'runtime/index.ts')
const INTERNAL = join(ROOT, 'runtime/internal.ts')
/** Named by both: applications catch it; the Redis entry (built apart) imports it from `internal` with the store types. */
const IN_BOTH = ['StoreUnavailableError']
/** About what ky (28) and ofetch (24) export, for a runtime that also has WebSocket, a manager and pagination. */
const PUBLIC_LIMIT = 70

const program = ts.createProgram([PUBLIC, INTERNAL], {
  strict: true,
  noEmit: true,
  target: ts.ScriptTarget.ES2022,
  module: ts.ModuleKind.Preserve,
  moduleResolution: ts.ModuleResolutionKind.Bundler,
  lib: ['lib.es2022.d.ts', 'lib.dom.d.ts', 'lib.dom.iterable.d.ts'],
  types: [],
})
const checker = program.getTypeChecker()

interface Entry {
  values: string[]
  types: string[]
}

function exportsOf(file: string): Entry {
  const symbols = checker.getExportsOfModule(checker.getSymbolAtLocation(program.getSourceFile(file)!)!)
  const values: string[] = []
  const types: string[] = []
  for (const symbol of symbols) {
    const target = symbol.flags & ts.SymbolFlags.Alias ? checker.getAliasedSymbol(symbol) : symbol
    ;(target.flags & ts.SymbolFlags.Value ? values : types).push(symbol.name)
  }
  return { values: values.sort(), types: types.sort() }
}

function listing(specifier: string, entry: Entry): string {
  return [
    `# ${specifier}: ${entry.values.length} values, ${entry.types.length} types`,
    '',
    ...entry.values.map((name) => `value ${name}`),
    ...entry.types.map((name) => `type ${name}`),
    '',
  ].join('\n')
}

const publicEntry = exportsOf(PUBLIC)
const internalEntry = exportsOf(INTERNAL)

describe('runtime entries', () => {
  it('the public entry exports exactly the listed names', async () => {
    await expect(listing('@codomyrmex/networking/runtime', publicEntry)).toMatchFileSnapshot('__snapshots__/runtime-public-exports.txt')
  })

  it('the internal entry exports exactly the listed names', async () => {
    await expect(listing('@codomyrmex/networking/runtime/internal', internalEntry)).toMatchFileSnapshot('__snapshots__/runtime-internal-exports.txt')
  })

  it('what generated code alone needs is not in the public entry', () => {
    const inPublic = new Set([...publicEntry.values, ...publicEntry.types])
    expect([...internalEntry.values, ...internalEntry.types].filter((name) => inPublic.has(name))).toEqual(IN_BOTH)
    for (const name of ['createApi', 'createApiCore', 'oauth2Feature', 'allFeatures', 'connectWsApi', 'queryOptionsOf', 'ApiDef', 'OperationDef']) {
      expect(inPublic.has(name), name).toBe(false)
    }
  })

  it('the public entry stays small: no feature objects, extension points or low-level helpers', () => {
    const inPublic = new Set([...publicEntry.values, ...publicEntry.types])
    expect(inPublic.size).toBeLessThanOrEqual(PUBLIC_LIMIT)
    for (const name of [
      'sseFeature',
      'reconnectFeature',
      'allWebSocketFeatures',
      'redactUrl',
      'linkTargets',
      'defineClient',
      'memoryStore',
      'OriginStore',
      'createRetryBudget',
    ]) {
      expect(inPublic.has(name), name).toBe(false)
    }
  })

  it('every name generated code imports from either entry is exported by that entry', async () => {
    const { buildModule } = await import('../../../src/codegen/module')
    const { buildDeclarations } = await import('../../../src/codegen/declarations')
    const { buildQueryModule, buildQueryDeclarations } = await import('../../../src/codegen/query-module')
    const { buildWsModule, buildWsDeclarations } = await import('../../../src/asyncapi/codegen')
    const ws: AsyncApiModel = { title: 't', perspective: 'client', servers: [], channels: [], messages: [], inbound: [], send: [], security: [], warnings: [] }
    const texts = [
      buildModule({ api: { name: 'a', servers: [], securitySchemes: { o: { type: 'oauth2', flows: {} } } }, operations: [], groups: [] }),
      buildDeclarations({ types: '', operations: [], typeNames: [], groups: [], schemas: [], securitySchemes: [], ambient: false }),
      buildQueryModule('a', []),
      buildQueryDeclarations('a', []),
      buildWsModule(ws),
      buildWsDeclarations(ws, '', false),
    ].join('\n')
    const imported = (specifier: string): string[] => {
      const quoted = JSON.stringify(specifier).replace(/[/.]/g, '\\$&')
      const named = [...texts.matchAll(new RegExp(`import (?:type )?\\{([^}]*)\\} from ${quoted}`, 'g'))].flatMap(([, names]) =>
        names!.split(',').map((part) => part.trim().split(/\s+as\s+/)[0]!),
      )
      const inline = [...texts.matchAll(new RegExp(`import\\(${quoted}\\)\\.(\\w+)`, 'g'))].map(([, name]) => name!)
      return [...new Set([...named, ...inline])].sort()
    }
    const fromInternal = imported('@codomyrmex/networking/runtime/internal')
    const fromPublic = imported('@codomyrmex/networking/runtime')
    expect(fromInternal).toEqual(expect.arrayContaining(['createApiCore', 'authFeature', 'oauth2Feature', 'queryKeyOf', 'QueryKeyFn', 'connectWsApi']))
    // Operation declarations take the contract types from the type-only entry (runtime/types.ts: the public entry's own types).
    const fromTypes = imported('@codomyrmex/networking/runtime/types')
    expect(fromTypes).toEqual(expect.arrayContaining(['ApiClientOptions', 'Operation']))
    expect(fromPublic).toEqual(expect.arrayContaining(['WsApiConnection']))
    const has = (entry: Entry) => (name: string) => entry.values.includes(name) || entry.types.includes(name)
    expect(fromInternal.filter((name) => !has(internalEntry)(name))).toEqual([])
    expect(fromPublic.filter((name) => !has(publicEntry)(name))).toEqual([])
    expect(fromTypes.filter((name) => !has(publicEntry)(name))).toEqual([])
  })
})
