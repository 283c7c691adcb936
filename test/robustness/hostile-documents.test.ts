import { execFile } from 'node:child_process'
import { mkdir, rm, writeFile } from 'node:fs/promises'
import { join, resolve } from 'node:path'
import { pathToFileURL } from 'node:url'
import { promisify } from 'node:util'
import fc from 'fast-check'
import ts from 'typescript'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { buildApiDef } from '../../src/codegen/api-def'
import type { JsonObject, OpenApiDocument } from '../../src/spec/document'
import { generateApi, type GeneratedApi } from '../../src/codegen/generate'
import { collectOperations } from '../../src/codegen/operations'
import { checkDocument } from '../../src/spec/checks'
import { HOSTILE, hostileDocument, hostileString, LOOKALIKES, SENTINEL } from './hostile-strings'

/**
 * Hostile documents through the real generator: every string a document holds may end up in the
 * module or its declarations, so for each case the module must import (parse) without running
 * anything from the document, its data must be pure literals equal to the document's values,
 * names must be deterministic and unique, and all declarations must pass `tsc --strict` together.
 */
const ROOT = resolve(__dirname, '../..')
const OUT = join(ROOT, 'test/.tmp/robustness-docs')
const RUNTIME_URL = pathToFileURL(join(ROOT, 'dist/runtime/internal.js')).href
const FUZZ_RUNS = 120

const tally = { tried: 0, passed: 0, refused: 0 }
const typeCases: string[] = []

beforeAll(async () => {
  await rm(OUT, { recursive: true, force: true })
  await mkdir(join(OUT, 'decl'), { recursive: true })
  await mkdir(join(OUT, 'run'), { recursive: true })
})

afterAll(() => {
  console.log(
    `[robustness] hostile documents: ${tally.tried} cases tried, ${tally.passed} passed (${tally.refused} refused by the checks with a located error)`,
  )
})

/** One case: generate twice, check the text, import it, keep its declarations for the batch tsc. */
async function checkCase(document: JsonObject, label: string): Promise<GeneratedApi | undefined> {
  tally.tried++
  const doc = document as OpenApiDocument
  // What our own checks refuse never reaches the generator: it must be refused by name and place.
  const refused = checkDocument(document).filter((f) => f.severity === 'error')
  if (refused.length > 0) {
    for (const finding of refused) expect(finding.pointer, `${label}: ${finding.message}`).toMatch(/^\/(paths|components)\//)
    tally.refused++
    tally.passed++
    return undefined
  }
  const output = await generateApi({ name: 'hostile', document: structuredClone(doc) })
  const again = await generateApi({ name: 'hostile', document: structuredClone(doc) })
  expect(again.code, `${label}: module is deterministic`).toBe(output.code)
  expect(again.standalone, `${label}: declarations are deterministic`).toBe(output.standalone)
  expect(output.code).not.toMatch(/<\/script|<!--|[\u2028\u2029\0]/i)
  assertInertData(output.code, doc, label)

  const id = typeCases.length
  const file = join(OUT, 'run', `case-${id}.mjs`)
  await writeFile(file, output.code.replace('"@codomyrmex/networking/runtime/internal"', JSON.stringify(RUNTIME_URL)))
  const module = (await import(/* @vite-ignore */ pathToFileURL(file).href)) as Record<string, unknown>
  expect((globalThis as Record<string, unknown>)[SENTINEL], `${label}: importing ran nothing`).toBeUndefined()
  const expected = collectOperations(doc)
  const exported = Object.entries(module).filter(([name]) => !['default', 'configure', 'createClient'].includes(name))
  expect(exported.length, `${label}: one export per operation`).toBe(expected.length)
  expected.forEach((op, index) => {
    const [, fn] = exported[index] as [string, { def: unknown }]
    expect(JSON.stringify(fn.def), `${label}: operation data survives as written`).toBe(JSON.stringify(op.def))
  })
  await writeFile(join(OUT, 'decl', `case-${id}.d.ts`), output.standalone)
  typeCases.push(label)
  tally.passed++
  return output
}

/**
 * The arguments of `$createApi(...)` and `$api.operation(...)` are trees of literals only (no
 * calls, identifiers, templates or computed keys other than `["__proto__"]`), and evaluate to
 * exactly what the generator computed from the document.
 */
function assertInertData(code: string, doc: OpenApiDocument, label: string): void {
  const source = ts.createSourceFile('m.js', code, ts.ScriptTarget.ES2022, true, ts.ScriptKind.JS)
  const args: ts.Expression[] = []
  const visit = (node: ts.Node): void => {
    if (ts.isCallExpression(node)) {
      const callee = node.expression.getText(source)
      // The API data is the first argument of `$createApi`; its second lists runtime features by import.
      if (callee === '$createApi' || callee === '$api.operation') args.push(node.arguments[0] as ts.Expression)
    }
    ts.forEachChild(node, visit)
  }
  visit(source)
  expect((source as unknown as { parseDiagnostics?: unknown[] }).parseDiagnostics ?? [], `${label}: module parses`).toEqual([])
  for (const arg of args) expect(isLiteralTree(arg), `${label}: ${arg.getText(source).slice(0, 80)} is inert`).toBe(true)
  // Safe to evaluate: checked above to be literals only.
  const api = new Function(`return (${args[0]?.getText(source)})`)() as unknown
  expect(JSON.stringify(api), `${label}: API data survives as written`).toBe(JSON.stringify(buildApiDef('hostile', doc)))
  expect(Object.getPrototypeOf((api as { securitySchemes?: object }).securitySchemes ?? {})).toBe(Object.prototype)
}

function isLiteralTree(node: ts.Expression): boolean {
  if (ts.isStringLiteral(node) || ts.isNumericLiteral(node)) return true
  if (node.kind === ts.SyntaxKind.TrueKeyword || node.kind === ts.SyntaxKind.FalseKeyword || node.kind === ts.SyntaxKind.NullKeyword) return true
  if (ts.isPrefixUnaryExpression(node)) return node.operator === ts.SyntaxKind.MinusToken && ts.isNumericLiteral(node.operand)
  if (ts.isArrayLiteralExpression(node)) return node.elements.every(isLiteralTree)
  if (ts.isObjectLiteralExpression(node)) {
    return node.properties.every((p) => {
      if (!ts.isPropertyAssignment(p)) return false
      const key = p.name
      const keyOk =
        ts.isStringLiteral(key) ||
        ts.isIdentifier(key) ||
        ts.isNumericLiteral(key) ||
        (ts.isComputedPropertyName(key) && ts.isStringLiteral(key.expression) && key.expression.text === '__proto__')
      return keyOk && isLiteralTree(p.initializer)
    })
  }
  return false
}

describe('hostile strings in every position of a document', () => {
  it.each(HOSTILE.map((s) => [JSON.stringify(s).slice(0, 40), s]))('%s', async (_, s) => {
    await checkCase(hostileDocument(s), JSON.stringify(s).slice(0, 60))
  })

  it(`random hostile strings (${FUZZ_RUNS} documents, fast-check)`, async () => {
    await fc.assert(
      fc.asyncProperty(hostileString, async (s) => {
        await checkCase(hostileDocument(s), `fuzz ${JSON.stringify(s)}`)
      }),
      { numRuns: FUZZ_RUNS, seed: 20261125, endOnFailure: true },
    )
  }, 60_000)
})

describe('names', () => {
  it('names that differ only in case or punctuation each get their own export, the same on every run', async () => {
    const paths: JsonObject = {}
    LOOKALIKES.forEach((id, i) => {
      paths[`/p${i}`] = { get: { operationId: id, tags: [id], responses: { '204': { description: 'x' } } } }
    })
    paths['/configure'] = {
      get: { responses: { '204': { description: 'x' } } },
      post: { operationId: 'configure', responses: { '204': { description: 'x' } } },
    }
    const schemas = Object.fromEntries([...LOOKALIKES, 'Record', 'Omit', 'WithRequired'].map((n) => [n, { type: 'string' }]))
    const document = { openapi: '3.0.3', info: { title: 't', version: '1' }, paths, components: { schemas } }
    const output = (await checkCase(document, 'lookalikes'))!
    const names = [...output.code.matchAll(/^export const (\S+) =/gm)].map((m) => m[1])
    expect(new Set(names).size).toBe(LOOKALIKES.length + 2)
    expect(names).toContain('configure2')
    const aliases = [...output.standalone.matchAll(/^export type (\S+) =/gm)].map((m) => m[1])
    expect(new Set(aliases).size).toBe(aliases.length)
    expect(aliases).not.toContain('Record')
  })

  it('a tag sharing a name with an operation or the module’s own exports is renamed', async () => {
    const document = {
      openapi: '3.0.3',
      info: { title: 't', version: '1' },
      paths: {
        '/a': { get: { operationId: 'pets', tags: ['pets', 'createClient', 'default'], responses: { '204': { description: 'x' } } } },
      },
    }
    const output = (await checkCase(document, 'tags'))!
    expect(output.code).toMatch(/petsTag: \{ pets \}/)
    expect(output.code).toMatch(/createClientTag: \{ pets \}/)
  })
})

describe('the declarations of every case', () => {
  it('pass tsc --strict in one program', async () => {
    expect(typeCases.length).toBeGreaterThan(HOSTILE.length)
    const names = typeCases.map((_, i) => `case-${i}`)
    const app = names.map((n, i) => `import api${i} from './decl/${n}.js'\napi${i}.configure({ baseUrl: 'http://127.0.0.1:1' })`).join('\n')
    await writeFile(join(OUT, 'app.ts'), `${app}\n`)
    await writeFile(
      join(OUT, 'tsconfig.json'),
      JSON.stringify({
        compilerOptions: {
          strict: true,
          noEmit: true,
          target: 'es2022',
          module: 'preserve',
          moduleResolution: 'bundler',
          lib: ['es2022', 'dom'],
          types: [],
          skipLibCheck: false,
        },
        // The modules' JavaScript is checked above by parsing and importing it; what users type-check is this.
        files: ['app.ts', ...names.map((n) => `decl/${n}.d.ts`)],
      }),
    )
    const tsc = join(ROOT, 'node_modules/typescript/bin/tsc')
    const result = await promisify(execFile)(process.execPath, [tsc, '-p', join(OUT, 'tsconfig.json')], { maxBuffer: 64 << 20 }).catch(
      (error: { stdout: string }) => ({ stdout: error.stdout }),
    )
    expect(result.stdout.split('\n').slice(0, 30).join('\n')).toBe('')
  }, 90_000)
})
