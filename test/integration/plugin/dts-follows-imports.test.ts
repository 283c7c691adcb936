import { mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import ts from 'typescript'
import { createServer } from 'vite'
import { describe, expect, it } from 'vitest'
import { ApiContext } from '../../../src/core/context'
import { resolveOptions } from '../../../src/core/options'
import networking from '../../../src/index'
import { appDir } from '../../helpers/app-dir'
import { build, type Bundler } from '../../helpers/bundlers'
import { runCliIn } from '../../helpers/cli'

const ROOT = resolve(__dirname, '../../..')

/** A user's app outside the repository whose one file imports `listPets` only. */
async function app(): Promise<string> {
  const dir = await appDir('petstore-app')
  // The fixture's other entry (the bundlers' typed-errors test) imports the default export, which
  // types every operation: this app is main.js alone.
  await rm(join(dir, 'typed-errors.js'))
  await writeFile(join(dir, 'main.js'), `import { listPets } from 'virtual:api/petstore'\nexport const run = () => listPets({ query: { limit: 2 } })\n`)
  return dir
}

async function buildApp(bundler: Bundler, dir: string, dts: unknown = 'api-clients.d.ts'): Promise<string> {
  await build(bundler, {
    root: dir,
    entry: 'main.js',
    outDir: join(dir, 'out'),
    options: { apis: { petstore: './petstore.yaml' }, dts, cacheDir: false } as never,
  })
  return readFile(join(dir, 'api-clients.d.ts'), 'utf8')
}

/**
 * Type-checks `code` against the declaration file with TypeScript's API, strict. The file lives
 * outside the app, so no build or scan has seen what it imports: it sees the declarations as written.
 */
async function check(dts: string, code: string): Promise<string[]> {
  const dir = await mkdtemp(join(tmpdir(), 'codomyrmex-dts-check-'))
  await writeFile(join(dir, 'api-clients.d.ts'), dts)
  await writeFile(join(dir, 'use.ts'), code)
  const program = ts.createProgram([join(dir, 'api-clients.d.ts'), join(dir, 'use.ts')], {
    strict: true,
    noEmit: true,
    target: ts.ScriptTarget.ES2022,
    module: ts.ModuleKind.Preserve,
    moduleResolution: ts.ModuleResolutionKind.Bundler,
    lib: ['lib.es2022.d.ts', 'lib.dom.d.ts'],
    types: [],
    // The built declarations, as a user's tsc sees the package (global-setup builds dist/).
    paths: { '@codomyrmex/networking/runtime/types': [join(ROOT, 'dist/runtime/types.d.ts')] },
    skipLibCheck: true,
  })
  return ts
    .getPreEmitDiagnostics(program)
    .map(
      (d) => `${d.file?.fileName.endsWith('use.ts') ? 'use.ts' : (d.file?.fileName ?? '')}: TS${d.code} ${ts.flattenDiagnosticMessageText(d.messageText, ' ')}`,
    )
}

/**
 * What an editor offers at `|` in `code`, and the hover of the name after `hover` (TypeScript's
 * language service, as editors run it) against the declaration file.
 */
function editor(dts: string, code: string, hover: string): { completions: string[]; hover: string } {
  const files = new Map([
    ['/app/api-clients.d.ts', dts],
    ['/app/use.ts', code.replace('|', '')],
  ])
  const options: ts.CompilerOptions = {
    strict: true,
    target: ts.ScriptTarget.ES2022,
    module: ts.ModuleKind.Preserve,
    moduleResolution: ts.ModuleResolutionKind.Bundler,
    types: [],
    paths: { '@codomyrmex/networking/runtime/types': [join(ROOT, 'dist/runtime/types.d.ts')] },
  }
  const service = ts.createLanguageService({
    getScriptFileNames: () => [...files.keys()],
    getScriptVersion: () => '1',
    getScriptSnapshot: (name) => {
      const text = files.get(name) ?? ts.sys.readFile(name)
      return text === undefined ? undefined : ts.ScriptSnapshot.fromString(text)
    },
    getCurrentDirectory: () => '/app',
    getCompilationSettings: () => options,
    getDefaultLibFileName: ts.getDefaultLibFilePath,
    fileExists: (name) => files.has(name) || ts.sys.fileExists(name),
    readFile: (name) => files.get(name) ?? ts.sys.readFile(name),
  })
  const text = files.get('/app/use.ts') as string
  const completions = service.getCompletionsAtPosition('/app/use.ts', code.indexOf('|'), {})?.entries.map((entry) => entry.name) ?? []
  const info = service.getQuickInfoAtPosition('/app/use.ts', text.indexOf(hover) + hover.length + 1)
  return { completions, hover: ts.displayPartsToString(info?.displayParts) }
}

describe('declarations follow what the app imports (dts.operations, default "imported")', () => {
  it('esbuild and Vite write the same file: the imported operation fully typed, the others by name', async () => {
    const dir = await app()
    const fromEsbuild = await buildApp('esbuild', dir)
    expect(fromEsbuild).toContain('export type ListPetsData = ')
    expect(fromEsbuild).toContain('export const listPets: __Operation<ListPetsInput, ListPetsData, ListPetsError>')
    expect(fromEsbuild).toMatch(/export const showPetById: __Operation\n/)
    expect(fromEsbuild).not.toContain('ShowPetByIdData')
    expect(fromEsbuild).toContain('"/pets": {')
    expect(fromEsbuild).not.toContain('"/pets/{petId}": {')
    // The query module's declarations name every operation: only written once something imports it.
    expect(fromEsbuild).not.toContain('declare module "virtual:api/petstore/query"')
    // No file imports the default export: its tree lists the operations once, without the tag groups.
    expect(fromEsbuild).toMatch(/^type __Tree = \{ [^\n]*listPets: typeof listPets/m)
    expect(fromEsbuild).not.toMatch(/^type __Tree = [^\n]*pets: \{/m)
    expect(await buildApp('vite', dir)).toBe(fromEsbuild)

    const used = `import { listPets, showPetById, type ListPetsData, type Pet } from 'virtual:api/petstore'
const pets: ListPetsData = await listPets({ query: { limit: 2 } })
const first: Pet | undefined = pets[0]
export const name: string | undefined = first?.name
// @ts-expect-error the imported operation is typed: limit is a number
await listPets({ query: { limit: 'two' } })
// Not imported by the app yet: the name exists (the editor completes it), its types come with the import.
export const later = showPetById
`
    expect(await check(fromEsbuild, used)).toEqual([])
    expect(await check(fromEsbuild, `import { notAnOperation } from 'virtual:api/petstore'\nexport const x = notAnOperation\n`)).toEqual([
      expect.stringMatching(/^use\.ts: TS2614 Module '"virtual:api\/petstore"' has no exported member 'notAnOperation'\./),
    ])
    // In the editor: the names not imported yet are offered; an imported one hovers with its named
    // input and error types (a data type that is an existing schema's type shows that type's shape:
    // TypeScript keeps no alias of an alias).
    const seen = editor(fromEsbuild, `import { |listPets } from 'virtual:api/petstore'\nexport const x = listPets\n`, 'export const x =')
    expect(seen.completions).toEqual(expect.arrayContaining(['createPets', 'listPets', 'showPetById', 'ListPetsData']))
    expect(seen.hover).toMatch(/^\(alias\) const listPets: Operation<ListPetsInput, [\s\S]+, ListPetsError>\nimport listPets$/)
  }, 120_000)

  it('is rewritten only when the set of imported operations changes', async () => {
    const dir = await app()
    const file = join(dir, 'api-clients.d.ts')
    const first = await buildApp('esbuild', dir)
    const written = (await stat(file)).mtimeMs
    await buildApp('esbuild', dir)
    expect((await stat(file)).mtimeMs).toBe(written)

    // A second file importing the same operation, in another spelling: same set, same file.
    await writeFile(join(dir, 'other.ts'), `import { listPets as list } from 'virtual:api/petstore'\nexport { list }\n`)
    await writeFile(
      join(dir, 'main.js'),
      `import { listPets } from 'virtual:api/petstore'\nimport { list } from './other'\nexport const run = () => [listPets, list]\n`,
    )
    expect(await buildApp('esbuild', dir)).toBe(first)
    expect((await stat(file)).mtimeMs).toBe(written)

    // A new operation (and a schema's alias by itself) changes the set: rewritten with its types.
    await writeFile(
      join(dir, 'other.ts'),
      `import { showPetById, type Error } from 'virtual:api/petstore'\nexport const list: Error | typeof showPetById = showPetById\n`,
    )
    const second = await buildApp('esbuild', dir)
    expect((await stat(file)).mtimeMs).not.toBe(written)
    expect(second).toContain('export const showPetById: __Operation<ShowPetByIdInput, ShowPetByIdData, ShowPetByIdError>')
    expect(second).toContain('export const listPets: __Operation<ListPetsInput, ListPetsData, ListPetsError>')
    expect(second).toMatch(/export const createPets: __Operation\n/)
  }, 120_000)

  it('a default import types every operation, as does dts.operations "all"', async () => {
    const dir = await app()
    const all = await buildApp('esbuild', dir, { operations: 'all' })
    expect(all).toContain('export const createPets: __Operation<CreatePetsInput, CreatePetsData, CreatePetsError>')
    expect(all).toContain('declare module "virtual:api/petstore/query"')
    expect(all).toContain('declare module "virtual:api/petstore/mocks"')
    await writeFile(join(dir, 'main.js'), `import petstore from 'virtual:api/petstore'\nexport const run = () => petstore.pets.listPets()\n`)
    const whole = await buildApp('esbuild', dir)
    // The default export is imported: its tree has the tag groups (petstore.pets.listPets).
    expect(whole).toMatch(/^type __Tree = [^\n]*pets: \{ [^\n]*listPets: typeof listPets/m)
    // The mocks and query modules (in that order, after the API's block) are declared once imported.
    expect(whole).toBe(all.replace(/\ndeclare module "virtual:api\/petstore\/mocks" \{[\s\S]*$/, ''))
    await writeFile(join(dir, 'main.js'), `export const load = () => import('virtual:api/petstore/query')\n`)
    // A test setup file: under the root (so scanned), not in the build.
    await writeFile(join(dir, 'setup-tests.ts'), `import handlers from 'virtual:api/petstore/mocks'\nexport default handlers\n`)
    expect(await buildApp('esbuild', dir)).toBe(all)
  }, 120_000)

  it('sync scans the sources under the root and writes what the build writes', async () => {
    const dir = await app()
    await writeFile(join(dir, 'networking.config.mjs'), `export default { apis: { petstore: './petstore.yaml' }, cacheDir: false }\n`)
    await writeFile(join(dir, 'later.ts'), `import { type ShowPetByIdData } from 'virtual:api/petstore'\nexport type T = ShowPetByIdData\n`)
    expect(await runCliIn(dir, 'sync', '--config', 'networking.config.mjs')).toEqual({ code: 0, out: ['wrote api-clients.d.ts'], err: [] })
    const synced = await readFile(join(dir, 'api-clients.d.ts'), 'utf8')
    // A type alias names its operation: both listPets (main.js) and showPetById (later.ts) are typed.
    expect(synced).toContain('export const showPetById: __Operation<ShowPetByIdInput, ShowPetByIdData, ShowPetByIdError>')
    expect(synced).toContain('export const listPets: __Operation<ListPetsInput, ListPetsData, ListPetsError>')
    expect(synced).toMatch(/export const createPets: __Operation\n/)
    expect(await buildApp('esbuild', dir)).toBe(synced)
    expect(await runCliIn(dir, 'sync', '--config', 'networking.config.mjs')).toEqual({ code: 0, out: ['unchanged api-clients.d.ts'], err: [] })
  }, 120_000)

  it('in the Vite dev server, an edit that imports another operation rewrites the file with its types', async () => {
    const dir = await app()
    const file = join(dir, 'api-clients.d.ts')
    const server = await createServer({
      root: dir,
      configFile: false,
      logLevel: 'silent',
      server: { host: '127.0.0.1', port: 0, ws: false },
      plugins: [networking.vite({ apis: { petstore: './petstore.yaml' }, cacheDir: false })],
    })
    try {
      await server.pluginContainer.buildStart({})
      expect(await readFile(file, 'utf8')).toMatch(/export const showPetById: __Operation\n/)
      await writeFile(join(dir, 'main.js'), `import { listPets, showPetById } from 'virtual:api/petstore'\nexport const run = () => [listPets, showPetById]\n`)
      // What the browser's request for the edited file does: the transform sees the new import.
      await server.environments.client.transformRequest('/main.js')
      await expect.poll(() => readFile(file, 'utf8'), { timeout: 30_000 }).toContain('export const showPetById: __Operation<ShowPetByIdInput')
      // Removing the import again shrinks the set: the operation goes back to the index.
      await writeFile(join(dir, 'main.js'), `import { listPets } from 'virtual:api/petstore'\nexport const run = () => listPets\n`)
      server.environments.client.moduleGraph.invalidateAll()
      await server.environments.client.transformRequest('/main.js')
      await expect.poll(() => readFile(file, 'utf8'), { timeout: 30_000 }).toMatch(/export const showPetById: __Operation\n/)
    } finally {
      await server.close()
    }
  }, 120_000)

  it('a restart with the same imports reuses the cached declarations; a new import after a warm start types it too', async () => {
    const dir = await app()
    const options = () => resolveOptions({ apis: { petstore: './petstore.yaml' }, cacheDir: 'cache' }, dir)
    const first = new ApiContext(options())
    const written = (await first.declarationFile()).content
    expect(first.generations).toBe(1)

    const restarted = new ApiContext(options())
    expect((await restarted.declarationFile()).content).toBe(written)
    expect(restarted.generations).toBe(0)

    // The module comes from the disk cache; the new set needs the document, prepared again.
    await writeFile(join(dir, 'main.js'), `import { createPets } from 'virtual:api/petstore'\nexport const run = () => createPets\n`)
    const edited = new ApiContext(options())
    const content = (await edited.declarationFile()).content
    expect(edited.generations).toBe(0)
    expect(content).toContain('export const createPets: __Operation<CreatePetsInput, CreatePetsData, CreatePetsError>')
    expect(content).toMatch(/export const listPets: __Operation\n/)
  }, 120_000)
})

describe('the dts option', () => {
  it('takes a path, false, or { path, operations }, and names what is wrong', () => {
    const root = resolve('/project')
    expect(resolveOptions({}, root, { checkFiles: false })).toMatchObject({ dts: join(root, 'api-clients.d.ts'), dtsOperations: 'imported' })
    expect(resolveOptions({ dts: { operations: 'all' } }, root, { checkFiles: false })).toMatchObject({
      dts: join(root, 'api-clients.d.ts'),
      dtsOperations: 'all',
    })
    expect(resolveOptions({ dts: { path: 'types/a.d.ts' } }, root, { checkFiles: false }).dts).toBe(join(root, 'types/a.d.ts'))
    expect(resolveOptions({ dts: false }, root, { checkFiles: false }).dts).toBe(false)
    expect(() => resolveOptions({ dts: { operations: 'some' } }, root)).toThrow('invalid option `dts.operations`: expected "imported" or "all"')
    expect(() => resolveOptions({ dts: { path: 'a.ts' } }, root)).toThrow('invalid option `dts.path`: expected a path ending in ".d.ts"')
    expect(() => resolveOptions({ dts: { file: 'a.d.ts' } }, root)).toThrow('invalid option `dts.file`: unknown option; expected one of path, operations')
    expect(() => resolveOptions({ dts: 3 }, root)).toThrow('invalid option `dts`: expected false, a path ending in ".d.ts" or { path, operations }')
  })
})
