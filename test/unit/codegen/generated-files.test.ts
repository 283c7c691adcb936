import { join, resolve } from 'node:path'
import { describe, expect, it } from 'vitest'
import { ApiContext } from '../../../src/core/context'
import { resolveOptions } from '../../../src/core/options'

const ROOT = resolve(__dirname, '../../..')

/**
 * Whole-file snapshots of what the generator writes (module and standalone declarations), so a
 * generator change shows its whole diff in review. Update with `npx vitest run -u <this file>`.
 */
const DOCUMENTS: Array<[name: string, file: string]> = [
  ['petstore', 'test/fixtures/petstore-app/petstore.yaml'],
  ['petstore-expanded', 'test/fixtures/corpus/openapi/oai-petstore-expanded.yaml'],
  ['discriminators', 'test/fixtures/corpus/openapi/readme-discriminators.json'],
]

describe.each(DOCUMENTS)('the generated files for %s', (name, file) => {
  it('match the snapshots', async () => {
    const context = new ApiContext(resolveOptions({ apis: { [name]: join(ROOT, file) }, dts: false, cacheDir: false }, ROOT))
    const api = await context.load(name)
    const declarations = context.declarations(name)!
    expect(api.code).not.toContain(ROOT)
    expect(declarations.standalone).not.toContain(ROOT)
    await expect(api.code).toMatchFileSnapshot(`__snapshots__/generated/${name}.js`)
    await expect(declarations.standalone).toMatchFileSnapshot(`__snapshots__/generated/${name}.d.ts`)
  })
})
