import { readFile, rm, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import type { Plugin } from 'esbuild'
import { describe, expect, it } from 'vitest'
import networking from '../../../src/index'
import { appDir } from '../../helpers/app-dir'

/** Another user plugin that loads `.ts` files itself: it prepends a line to each one it loads. */
function banner(): Plugin {
  return {
    name: 'banner',
    setup(build) {
      build.onLoad({ filter: /\.ts$/ }, async (args) => ({
        contents: `globalThis.__banners = [...(globalThis.__banners ?? []), ${JSON.stringify(args.path.split(/[\\/]/).pop())}]\n${await readFile(args.path, 'utf8')}`,
        loader: 'ts',
      }))
    },
  }
}

/** The petstore app with one TypeScript file that imports `imports` from the API. */
async function app(imports: string): Promise<string> {
  const dir = await appDir('petstore-app')
  await rm(join(dir, 'typed-errors.js'))
  await writeFile(join(dir, 'main.js'), `import { run } from './run.ts'\nexport { run }\n`)
  await writeFile(join(dir, 'run.ts'), `import { ${imports} } from 'virtual:api/petstore'\nexport const run = () => [${imports}]\n`)
  return dir
}

async function esbuildContext(dir: string, plugins: Plugin[]) {
  const esbuild = await import('esbuild')
  return esbuild.context({
    entryPoints: [join(dir, 'main.js')],
    absWorkingDir: dir,
    bundle: true,
    platform: 'node',
    format: 'esm',
    outfile: join(dir, 'out/main.mjs'),
    logLevel: 'silent',
    plugins,
  })
}

const options = { apis: { petstore: './petstore.yaml' }, cacheDir: false as const }

describe('esbuild: following imports leaves the loading of files to the other plugins', () => {
  it("a later plugin's onLoad still loads the app's .ts files, and the declarations follow them", async () => {
    const dir = await app('listPets')
    const context = await esbuildContext(dir, [networking.esbuild(options), banner()])
    try {
      await context.rebuild()
      const out = await readFile(join(dir, 'out/main.mjs'), 'utf8')
      expect(out).toContain('"run.ts"]')
      const dts = await readFile(join(dir, 'api-clients.d.ts'), 'utf8')
      expect(dts).toContain('export const listPets: __Operation<ListPetsInput, ListPetsData, ListPetsError>')
      expect(dts).toMatch(/export const showPetById: __Operation\n/)

      // An edit seen in watch mode (a rebuild), by a new file whose import esbuild drops before
      // resolving it (type-only): only the loading of the file shows it.
      await writeFile(
        join(dir, 'types.ts'),
        `import type { ShowPetByIdData } from 'virtual:api/petstore'\nexport type Pet = ShowPetByIdData\nexport const kind = 'pet'\n`,
      )
      await writeFile(
        join(dir, 'run.ts'),
        `import { listPets } from 'virtual:api/petstore'\nimport { kind } from './types.ts'\nexport const run = () => [listPets, kind]\n`,
      )
      await context.rebuild()
      expect(await readFile(join(dir, 'api-clients.d.ts'), 'utf8')).toContain('export const showPetById: __Operation<ShowPetByIdInput')
      expect(await readFile(join(dir, 'out/main.mjs'), 'utf8')).toContain('"types.ts"]')
    } finally {
      await context.dispose()
    }
  }, 120_000)

  it('placed after a plugin that loads the files, it still sees an edit through the imports it resolves', async () => {
    const dir = await app('listPets')
    const context = await esbuildContext(dir, [banner(), networking.esbuild(options)])
    try {
      await context.rebuild()
      expect(await readFile(join(dir, 'out/main.mjs'), 'utf8')).toContain('"run.ts"]')
      await writeFile(join(dir, 'run.ts'), `import { showPetById } from 'virtual:api/petstore'\nexport const run = () => [showPetById]\n`)
      await context.rebuild()
      const dts = await readFile(join(dir, 'api-clients.d.ts'), 'utf8')
      expect(dts).toContain('export const showPetById: __Operation<ShowPetByIdInput')
      expect(dts).toMatch(/export const listPets: __Operation\n/)
    } finally {
      await context.dispose()
    }
  }, 120_000)
})
