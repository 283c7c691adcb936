import { copyFile, mkdir, readFile, rm, stat, utimes, writeFile } from 'node:fs/promises'
import { join, resolve } from 'node:path'
import { beforeEach, describe, expect, it } from 'vitest'
import { ApiContext } from '../../../src/core/context'
import { resolveOptions } from '../../../src/core/options'
import { renderDeclarationFile } from '../../../src/dts/render'
import { build } from '../../helpers/bundlers'

const WORK = resolve(__dirname, '../../.tmp/cache')
const FIXTURE = resolve(__dirname, '../../fixtures/petstore-app')

const options = () => resolveOptions({ apis: { petstore: 'petstore.yaml' }, dts: 'types/api-clients.d.ts', cacheDir: 'cache' }, WORK)

beforeEach(async () => {
  await rm(WORK, { recursive: true, force: true })
  await mkdir(WORK, { recursive: true })
  await copyFile(join(FIXTURE, 'petstore.yaml'), join(WORK, 'petstore.yaml'))
  await copyFile(join(FIXTURE, 'main.js'), join(WORK, 'main.js'))
})

describe('cache by hash of document and options', () => {
  it('a warm load does no regeneration, in memory and from disk in a new process-like context', async () => {
    const first = new ApiContext(options())
    const cold = await first.load('petstore')
    expect(cold.generated).toBe(true)
    expect(await first.load('petstore')).toMatchObject({ generated: false, code: cold.code })
    expect(first.generations).toBe(1)

    const second = new ApiContext(options())
    const warm = await second.load('petstore')
    expect(warm).toMatchObject({ generated: false, code: cold.code })
    expect(second.generations).toBe(0)
    expect(warm.watchFiles).toEqual([join(WORK, 'petstore.yaml')])
  })

  it('a changed document or changed options regenerate', async () => {
    const context = new ApiContext(options())
    await context.load('petstore')
    const spec = join(WORK, 'petstore.yaml')
    await writeFile(spec, (await readFile(spec, 'utf8')).replace('listPets', 'listEveryPet'))
    const changed = await context.load('petstore')
    expect(changed.generated).toBe(true)
    expect(changed.code).toContain('export const listEveryPet =')

    const withBase = new ApiContext(
      resolveOptions({ apis: { petstore: { spec: 'petstore.yaml', baseUrl: 'http://127.0.0.1:1' } }, dts: false, cacheDir: 'cache' }, WORK),
    )
    expect((await withBase.load('petstore')).generated).toBe(true)
  })

  it('a touched but identical document is still a hit (content decides, stamps only skip reading)', async () => {
    const context = new ApiContext(options())
    await context.load('petstore')
    const spec = join(WORK, 'petstore.yaml')
    await writeFile(spec, await readFile(spec, 'utf8'))
    const later = new Date(Date.now() + 5_000)
    await utimes(spec, later, later)
    expect((await new ApiContext(options()).load('petstore')).generated).toBe(false)
  })

  it('ignores a cache entry written by another generator version or with missing texts', async () => {
    const context = new ApiContext(options())
    const { code } = await context.load('petstore')
    const meta = join(WORK, 'cache/petstore/meta.json')
    const saved = JSON.parse(await readFile(meta, 'utf8')) as { key: string; version: string }
    await writeFile(meta, JSON.stringify({ ...saved, version: 'other' }))
    expect((await new ApiContext(options()).load('petstore')).generated).toBe(true)
    await rm(join(WORK, `cache/petstore/${(JSON.parse(await readFile(meta, 'utf8')) as { key: string }).key}.js`))
    const again = new ApiContext(options())
    expect(await again.load('petstore')).toMatchObject({ generated: true, code })
  })

  it('generates only the selected operations, and says so when a filter matches nothing', async () => {
    const only = new ApiContext(
      resolveOptions({ apis: { petstore: { spec: 'petstore.yaml', operations: ['showPetById'] } }, dts: false, cacheDir: false }, WORK),
    )
    const { code } = await only.load('petstore')
    expect(code.match(/\$api\.operation\(/g)).toHaveLength(1)
    expect(code).toContain('export const showPetById =')
    const none = new ApiContext(resolveOptions({ apis: { petstore: { spec: 'petstore.yaml', tags: ['nope'] } }, dts: false, cacheDir: false }, WORK))
    await expect(none.load('petstore')).rejects.toThrow('invalid option `apis.petstore.tags`: matched no operation of the document')
  })

  it('concurrent loads of one API share a single generation', async () => {
    const context = new ApiContext(options())
    const [a, b] = await Promise.all([context.load('petstore'), context.load('petstore')])
    expect(a).toBe(b)
    expect(context.generations).toBe(1)
  })

  it('a second bundler build with unchanged inputs regenerates nothing and leaves the declarations untouched', async () => {
    const run = () =>
      build('esbuild', {
        root: WORK,
        entry: 'main.js',
        outDir: join(WORK, 'out'),
        options: { apis: { petstore: 'petstore.yaml' }, dts: 'types/api-clients.d.ts', cacheDir: 'cache' },
      })
    await run()
    const dts = join(WORK, 'types/api-clients.d.ts')
    const before = await stat(dts)
    const cacheFile = join(WORK, 'cache/petstore/meta.json')
    const cacheBefore = await stat(cacheFile)
    await new Promise((r) => setTimeout(r, 20))
    await run()
    expect((await stat(dts)).mtimeMs).toBe(before.mtimeMs)
    expect((await stat(cacheFile)).mtimeMs).toBe(cacheBefore.mtimeMs)
  })

  it('loadModule serves the module before its declarations; they are built (and the entry written to disk) on the next load or settle', async () => {
    const context = new ApiContext(options())
    const early = await context.loadModule('petstore')
    expect(early.generated).toBe(true)
    expect(early.hot).toContain('import.meta.hot')
    // Nothing of the declarations yet: neither in memory nor on disk (a disk entry is always complete).
    expect(context.declarations('petstore')).toBeUndefined()
    await expect(stat(join(WORK, 'cache/petstore/meta.json'))).rejects.toThrow()
    expect(await context.loadModule('petstore')).toMatchObject({ generated: false, code: early.code })
    expect(context.declarations('petstore')).toBeUndefined()

    await context.settle()
    expect(context.declarations('petstore')?.ambient).toContain('listPets')
    const warm = await new ApiContext(options()).load('petstore')
    expect(warm).toMatchObject({ generated: false, code: early.code })

    // After an edit, the last complete declarations stay until the new ones are built.
    const spec = join(WORK, 'petstore.yaml')
    await writeFile(spec, (await readFile(spec, 'utf8')).replace('listPets', 'listEveryPet'))
    expect((await context.loadModule('petstore')).code).toContain('export const listEveryPet =')
    expect(context.declarations('petstore')?.ambient).not.toContain('listEveryPet')
    await context.load('petstore')
    expect(context.declarations('petstore')?.ambient).toContain('listEveryPet')
    expect(context.generations).toBe(2)
  })
})

describe('declaration file', () => {
  it('declares every API, sorted, and is rewritten only when content changes', async () => {
    const context = new ApiContext(options())
    expect((await context.writeDeclarations()).written).toBe(true)
    const file = join(WORK, 'types/api-clients.d.ts')
    const text = await readFile(file, 'utf8')
    expect(text).toContain('declare module "virtual:api/petstore" {')
    expect(text).not.toContain(WORK)
    expect((await context.writeDeclarations()).written).toBe(false)
    await rm(file)
    expect((await context.writeDeclarations()).written).toBe(true)
  })

  it('keeps the last good declarations of an API whose document broke', async () => {
    const context = new ApiContext(options())
    await context.writeDeclarations()
    await writeFile(join(WORK, 'petstore.yaml'), 'openapi: 3.0.3\npaths: [')
    const result = await context.writeDeclarations()
    expect(result.errors.map((e) => e.name)).toEqual(['petstore'])
    expect(await readFile(join(WORK, 'types/api-clients.d.ts'), 'utf8')).toContain('declare module "virtual:api/petstore"')
  })

  it('generates nothing up front when declarations are off', async () => {
    const context = new ApiContext(resolveOptions({ apis: { petstore: 'petstore.yaml' }, dts: false, cacheDir: false }, WORK))
    expect(await context.writeDeclarations()).toEqual({ written: false, errors: [] })
    expect(context.generations).toBe(0)
  })

  it('renders blocks in name order', () => {
    const text = renderDeclarationFile(
      new Map([
        ['b', 'export const b: 1\n'],
        ['a', 'export const a: 1\n'],
      ]),
    )
    expect(text.indexOf('virtual:api/a')).toBeLessThan(text.indexOf('virtual:api/b'))
  })
})
