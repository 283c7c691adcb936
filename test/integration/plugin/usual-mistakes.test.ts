import { join, resolve } from 'node:path'
import { describe, expect, it } from 'vitest'
import networking from '../../../src/index'
import { build, type Bundler } from '../../helpers/bundlers'

const FIXTURES = resolve(__dirname, '../../fixtures')
const OUT = resolve(__dirname, '../../.tmp/usual-mistakes')

/** A frame of a stack trace (`    at fn (file:1:2)`): the user should never see the plugin's. */
const STACK_FRAME = /\n\s+at .+[:(]/

describe('esbuild without bundle: true', () => {
  it('fails the build with a message naming `bundle: true`, instead of output that fails at run time', async () => {
    const esbuild = await import('esbuild')
    const root = join(FIXTURES, 'petstore-app')
    const error = (await esbuild
      .build({
        entryPoints: [join(root, 'main.js')],
        absWorkingDir: root,
        outdir: join(OUT, 'esbuild-no-bundle'),
        format: 'esm',
        platform: 'node',
        logLevel: 'silent',
        plugins: [networking.esbuild({ apis: { petstore: './petstore.yaml' }, dts: false, cacheDir: false })],
      })
      .catch((e: unknown) => e)) as { errors?: { text: string }[] }
    expect(error.errors?.map((e) => e.text)).toEqual([expect.stringContaining('set `bundle: true` in the build options')])
  })
})

describe('the plugin entry imported in browser code', () => {
  it('fails a Vite build with a message saying where the plugin belongs (the `browser` export condition)', async () => {
    const { build: viteBuild } = await import('vite')
    const root = join(FIXTURES, 'browser-import')
    const error = (await viteBuild({
      root,
      configFile: false,
      logLevel: 'silent',
      build: { outDir: join(OUT, 'browser-import'), emptyOutDir: true, rollupOptions: { input: join(root, 'main.js') } },
    }).catch((e: unknown) => e)) as Error
    expect(error).toBeInstanceOf(Error)
    expect(error.message).toContain('plugin entries belong in your bundler config')
    expect(error.message).toContain('Import the generated client from virtual:api modules')
  }, 120_000)

  it('also under esbuild for the browser platform', async () => {
    const esbuild = await import('esbuild')
    const root = join(FIXTURES, 'browser-import')
    const error = (await esbuild
      .build({ entryPoints: [join(root, 'main.js')], absWorkingDir: root, bundle: true, write: false, platform: 'browser', logLevel: 'silent' })
      .catch((e: unknown) => e)) as { errors?: { text: string }[] }
    expect(error.errors?.map((e) => e.text).join('\n')).toContain('plugin entries belong in your bundler config')
  })
})

describe.each(['vite', 'esbuild', 'webpack'] as Bundler[])('an unknown API name under %s', (bundler) => {
  it('is an unknown-API error naming the importing file and the nearest registered name, without the plugin stack', async () => {
    const root = join(FIXTURES, 'typo-app')
    const error = (await build(bundler, {
      root,
      entry: 'main.js',
      outDir: join(OUT, `typo-${bundler}`),
      options: { apis: { petstore: './petstore.yaml', other: './petstore.yaml' }, dts: false, cacheDir: false, root },
    }).catch((e: unknown) => e)) as Error & { errors?: { text: string; location?: { file: string } | null }[] }
    expect(error).toBeInstanceOf(Error)
    expect(error.message).toContain('unknown API "petstor": virtual:api/petstor imported by main.js: did you mean "virtual:api/petstore"?')
    expect(error.message).toContain('registered in the `apis` option: petstore, other')
    expect(error.message).not.toContain('invalid option')
    expect(error.message).not.toMatch(STACK_FRAME)
    expect(error.message).not.toContain('factory.ts')
    // esbuild takes an error's location from its stack when it has one: here the import itself.
    if (bundler === 'esbuild') expect(error.errors?.[0]?.location?.file).toBe('main.js')
  }, 120_000)
})
