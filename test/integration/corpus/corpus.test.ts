import { execFile } from 'node:child_process'
import { mkdir, readFile, readdir, rm, writeFile } from 'node:fs/promises'
import { basename, join, resolve } from 'node:path'
import { promisify } from 'node:util'
import { beforeAll, describe, expect, it } from 'vitest'
import { ApiContext } from '../../../src/core/context'
import { resolveOptions } from '../../../src/core/options'
import { SpecError } from '../../../src/errors'
import { writeStrictProgram } from '../../helpers/strict-program'

/**
 * Every document of the team corpus (test/fixtures/corpus/openapi, sources and licences in its INDEX.md). Valid ones must
 * give a module and declarations that pass `tsc --strict` (one program for all of them); the
 * deliberately broken ones must fail with a located error that names the problem.
 */
const CORPUS = resolve(__dirname, '../../fixtures/corpus/openapi')
const OUT = resolve(__dirname, '../../.tmp/corpus')
const ROOT = resolve(__dirname, '../../..')
const BROKEN_DIR = 'opc-documents_with_errors'

/**
 * Documents of ours that reproduce what real documents do and openapi-typescript's output did not
 * survive: a nullable object as an allOf member with `required` (`WithRequired<A | null, "x">`),
 * `$ref`s standing for a whole `properties` map. Relative to CORPUS, checked the same way.
 */
const OWN = ['nullable-allof-3.0.yaml', 'nullable-allof-3.1.yaml', 'json-refs/json-refs.yaml'].map((file) => join('../../specs', file))

async function corpusEntries(): Promise<string[]> {
  const top = (await readdir(CORPUS)).filter((f) => /\.(ya?ml|json)$/.test(f))
  return [...top, 'oai-v2-petstore-separate/spec/swagger.yaml', ...OWN].sort()
}

const nameOf = (file: string): string =>
  basename(file)
    .replace(/\.(ya?ml|json)$/, '')
    .replace(/[^\w-]/g, '_')

interface Outcome {
  file: string
  name: string
  warnings: number
  operations: number
}

const outcomes: Outcome[] = []
let context: ApiContext

beforeAll(async () => {
  await rm(OUT, { recursive: true, force: true })
  // Fresh generation every run: the cache is exercised elsewhere; here the generator is under test.
  await rm(join(ROOT, 'test/.tmp/corpus-cache'), { recursive: true, force: true })
  await mkdir(join(OUT, 'decl'), { recursive: true })
  await mkdir(join(OUT, 'code'), { recursive: true })
  const files = await corpusEntries()
  const apis = Object.fromEntries(files.map((file) => [nameOf(file), join(CORPUS, file)]))
  // The split petstore reaches ../common: refs outside a document's folder need allowRefsFrom.
  context = new ApiContext(
    resolveOptions(
      { apis, dts: false, allowRefsFrom: [join(CORPUS, 'oai-v2-petstore-separate/common')], cacheDir: join(ROOT, 'test/.tmp/corpus-cache') },
      ROOT,
    ),
  )
  for (const file of files) {
    const name = nameOf(file)
    const api = await context.load(name)
    const declarations = context.declarations(name)!
    await writeFile(join(OUT, 'code', `${name}.js`), api.code)
    await writeFile(join(OUT, 'decl', `${name}.d.ts`), declarations.standalone)
    outcomes.push({ file, name, warnings: api.warnings.length, operations: (api.code.match(/\$api\.operation\(/g) ?? []).length })
  }
}, 180_000)

describe('the valid corpus documents', () => {
  it('each gives a module with one export per operation', async () => {
    expect(outcomes.length).toBeGreaterThanOrEqual(20)
    const byName = Object.fromEntries(outcomes.map((o) => [o.file, o]))
    // Counts from INDEX.md (operations under `paths`; webhooks-only documents have none).
    expect(byName['stripe-spec3.yaml']?.operations).toBe(468)
    expect(byName['kubernetes-swagger.json']?.operations).toBe(1123)
    expect(byName['openai-openapi.yaml']?.operations).toBe(288)
    expect(byName['oai-v2-petstore-separate/spec/swagger.yaml']?.operations).toBe(4)
    expect(byName['readme-3.1-webhooks.json']?.operations).toBe(0)
  })

  it('the documents that fail strict validation generate, with located warnings', async () => {
    const baseline = await context.load(nameOf('opc-baseline_openapi_3.0.json'))
    expect(baseline.warnings.length).toBeGreaterThan(0)
    for (const warning of baseline.warnings) {
      expect(warning.file).toBe(join(CORPUS, 'opc-baseline_openapi_3.0.json'))
      expect(warning.line).toBeGreaterThan(0)
    }
  })

  it('code and declarations pass tsc --strict --noEmit in one program', async () => {
    const names = outcomes.map((o) => o.name)
    const app = names.map((name, i) => `import api${i} from './decl/${name}.js'\napi${i}.configure({ baseUrl: 'http://127.0.0.1:1' })`).join('\n')
    await writeFile(join(OUT, 'app.ts'), `${app}\n`)
    await writeStrictProgram(OUT, ['app.ts', ...names.map((n) => `decl/${n}.d.ts`), ...names.map((n) => `code/${n}.js`)], { checkJs: true })
    const tsc = join(ROOT, 'node_modules/typescript/bin/tsc')
    const result = await promisify(execFile)(process.execPath, [tsc, '-p', join(OUT, 'tsconfig.json')], { maxBuffer: 64 << 20 }).catch(
      (error: { stdout: string }) => ({ stdout: error.stdout }),
    )
    expect(result.stdout).toBe('')
  }, 180_000)
})

describe('the deliberately broken corpus documents', () => {
  const cases: Array<[file: string, problem: RegExp, marker: string]> = [
    ['bad-status-code.yaml', /"abcdef" is not an HTTP status code/, '"abcdef":'],
    ['circular-body-ref.yaml', /circular \$ref "#\/components\/requestBodies\/body"/, '$ref: "#/components/requestBodies/body"'],
    ['invalid-uuid-defaults.yaml', /default "notauuid" of parameter "id" is not a uuid/, 'default: "notauuid"'],
    ['missing-body-ref.yaml', /\$ref "#\/components\/requestBodies\/body" points to nothing/, '$ref: "#/components/requestBodies/body"'],
    ['optional-path-param.yaml', /missing required property "required"/, '- in: "path"'],
  ]

  it.each(cases)('%s fails with the problem, its file, line and column', async (file, problem, marker) => {
    const path = join(CORPUS, BROKEN_DIR, file)
    const broken = new ApiContext(resolveOptions({ apis: { broken: path }, dts: false, cacheDir: false }, ROOT))
    const error = await broken.load('broken').catch((e: unknown) => e)
    expect(error).toBeInstanceOf(SpecError)
    const { problems, message } = error as SpecError
    const match = problems.find((p) => problem.test(p.message))
    expect(match, message).toBeDefined()
    const text = await readFile(path, 'utf8')
    const line = text.split('\n').findIndex((l) => l.includes(marker)) + 1
    expect(match?.file).toBe(path)
    expect(match?.line).toBe(line)
    expect(match?.column).toBeGreaterThan(0)
    expect(message).toContain(`${path}:${line}:`)
    expect(message).not.toMatch(/node_modules|\n\s+at /)
  })
})
