import { gzipSync } from 'node:zlib'
import { resolve } from 'node:path'
import { build } from 'esbuild'
import { beforeAll, describe, expect, it } from 'vitest'
import networking from '../../../src/index'

/**
 * What the query module adds to a browser bundle (esbuild, minified, gzip -9), measured as the
 * difference between bundles of the same app: the budget is 300 B per operation used.
 * The runtime comes from dist/ through the package's exports map, as in an app.
 */
const FIXTURE = resolve(__dirname, '../../fixtures/query-app')
const PER_OPERATION = 300

async function size(contents: string): Promise<{ gzip: number; code: string }> {
  const result = await build({
    stdin: { contents, resolveDir: FIXTURE, loader: 'js' },
    absWorkingDir: FIXTURE,
    bundle: true,
    minify: true,
    format: 'esm',
    platform: 'browser',
    write: false,
    logLevel: 'silent',
    plugins: [
      networking.esbuild({
        apis: { shop: { spec: './shop.yaml', pagination: { listPets: { style: 'cursor', param: 'cursor', next: 'next' } } } },
        dts: false,
        cacheDir: false,
      }),
    ],
  })
  const code = result.outputFiles[0]!.text
  return { gzip: gzipSync(code, { level: 9 }).length, code }
}

const sizes: Record<string, { gzip: number; code: string }> = {}
beforeAll(async () => {
  const apps: Record<string, string> = {
    call: `import { showPetById } from 'virtual:api/shop'; export const f = () => showPetById({ path: { petId: 1 } })`,
    calls2: `import { showPetById, listPets } from 'virtual:api/shop'; export const f = () => showPetById({ path: { petId: 1 } }); export const g = () => listPets()`,
    calls3: `import { showPetById, listPets, createPet } from 'virtual:api/shop'; export const f = () => showPetById({ path: { petId: 1 } }); export const g = () => listPets(); export const h = (p) => createPet({ body: p })`,
    query1: `export { showPetByIdQueryOptions } from 'virtual:api/shop/query'`,
    query2: `export { showPetByIdQueryOptions, listPetsQueryOptions } from 'virtual:api/shop/query'`,
    query3: `export { showPetByIdQueryOptions, listPetsQueryOptions, createPetMutationOptions } from 'virtual:api/shop/query'`,
    keyAndOptions: `export { showPetByIdQueryOptions, showPetByIdQueryKey } from 'virtual:api/shop/query'`,
    infinite: `export { listPetsInfiniteQueryOptions } from 'virtual:api/shop/query'`,
    paginate: `import { listPets } from 'virtual:api/shop'; import { paginate } from '@codomyrmex/networking/runtime'; export const f = () => paginate(listPets)`,
    listCall: `import { listPets } from 'virtual:api/shop'; export const g = () => listPets()`,
  }
  for (const [name, app] of Object.entries(apps)) sizes[name] = await size(app)
}, 120_000)

describe('query module size (esbuild, browser, minified, gzip -9)', () => {
  it(`adds at most ${PER_OPERATION} B per operation used`, () => {
    const first = sizes.query1!.gzip - sizes.call!.gzip
    const second = sizes.query2!.gzip - sizes.calls2!.gzip
    const third = sizes.query3!.gzip - sizes.calls3!.gzip
    const withKey = sizes.keyAndOptions!.gzip - sizes.call!.gzip
    console.log(`query module: +${first} B (1 op), +${second} B (2 ops), +${third} B (3 ops, 1 mutation), +${withKey} B (options and key of 1 op)`)
    expect(first).toBeLessThanOrEqual(PER_OPERATION)
    expect(second).toBeLessThanOrEqual(2 * PER_OPERATION)
    expect(third).toBeLessThanOrEqual(3 * PER_OPERATION)
    expect(withKey).toBeLessThanOrEqual(PER_OPERATION)
  })

  it('leaves what the app does not use out: pagination, mutations, other operations', () => {
    expect(sizes.query1!.code).not.toContain('ERR_PAGINATION')
    expect(sizes.query1!.code).not.toContain('/pets"')
    expect(sizes.call!.code).not.toContain('ERR_PAGINATION')
    expect(sizes.query1!.code).not.toContain('mutationKey')
    expect(sizes.query3!.code).toContain('mutationKey')
    // paginate() and infinite queries bring the pagination module, and only then.
    expect(sizes.paginate!.code).toContain('ERR_PAGINATION')
    expect(sizes.infinite!.code).toContain('ERR_PAGINATION')
    const paginateCost = sizes.paginate!.gzip - sizes.listCall!.gzip
    console.log(`paginate(): +${paginateCost} B; infinite query options: +${sizes.infinite!.gzip - sizes.listCall!.gzip} B`)
    expect(paginateCost).toBeLessThanOrEqual(2_000)
  })
})
