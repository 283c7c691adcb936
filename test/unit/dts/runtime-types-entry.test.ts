import { join, resolve } from 'node:path'
import ts from 'typescript'
import { describe, expect, it } from 'vitest'

/**
 * `@codomyrmex/networking/runtime/types` (what generated declarations import) must hand out the
 * very types of the public entry, not look-alikes: an app mixing both names one type.
 */
const ROOT = resolve(__dirname, '../../..')
const TYPES = join(ROOT, 'runtime/types.ts')
const PUBLIC = join(ROOT, 'runtime/index.ts')
const program = ts.createProgram([TYPES, PUBLIC], {
  strict: true,
  noEmit: true,
  module: ts.ModuleKind.Preserve,
  moduleResolution: ts.ModuleResolutionKind.Bundler,
  types: [],
})
const checker = program.getTypeChecker()

function exportsOf(file: string): Map<string, ts.Symbol> {
  const module = checker.getSymbolAtLocation(program.getSourceFile(file) as ts.SourceFile) as ts.Symbol
  return new Map(checker.getExportsOfModule(module).map((symbol) => [symbol.name, checker.getAliasedSymbol(symbol)]))
}

describe('the runtime types entry', () => {
  const types = exportsOf(TYPES)
  const publicEntry = exportsOf(PUBLIC)

  it('exports what the declarations name, as types only', () => {
    expect([...types.keys()].sort()).toEqual(['ApiClientOptions', 'ErrorResponse', 'Operation', 'RequestOptions', 'ServerSentEvent'])
    for (const symbol of types.values()) expect(symbol.flags & ts.SymbolFlags.Value).toBe(0)
  })

  it('each is the public entry’s own declaration', () => {
    for (const [name, symbol] of types) expect(publicEntry.get(name), name).toBe(symbol)
  })
})
