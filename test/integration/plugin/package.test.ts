import { execFile } from 'node:child_process'
import { readdir, readFile } from 'node:fs/promises'
import { join, resolve } from 'node:path'
import { promisify } from 'node:util'
import { publint } from 'publint'
import { describe, expect, it } from 'vitest'

const ROOT = resolve(__dirname, '../../..')
const run = promisify(execFile)

/** Every JavaScript file of dist/runtime: the two entries (public and `internal`) and the chunk they share. */
async function builtRuntime(): Promise<string> {
  const files = (await readdir(join(ROOT, 'dist/runtime'))).filter((f) => f.endsWith('.js'))
  expect(files).toEqual(expect.arrayContaining(['index.js', 'internal.js']))
  return (await Promise.all(files.map((f) => readFile(join(ROOT, 'dist/runtime', f), 'utf8')))).join('\n')
}

/** The package as published: exports map checked by publint and attw, runtime free of `node:`. */
describe('package', () => {
  it('passes publint', async () => {
    const { messages } = await publint({ pkgDir: ROOT, strict: true })
    expect(messages.map((m) => `${m.type} ${m.code} ${m.path.join('.')}`)).toEqual([])
  }, 60_000)

  it('passes attw --pack --profile esm-only', async () => {
    const attw = join(ROOT, 'node_modules/@arethetypeswrong/cli/dist/index.js')
    const result = await run(process.execPath, [attw, '--pack', '.', '--profile', 'esm-only', '--format', 'json'], { cwd: ROOT, maxBuffer: 16 << 20 }).catch(
      (error: { stdout: string; code: number }) => error,
    )
    expect('code' in result ? result.code : 0, result.stdout.slice(0, 2000)).toBe(0)
  }, 120_000)

  it('exports every bundler entry, the runtime and the bin', async () => {
    const pkg = JSON.parse(await readFile(join(ROOT, 'package.json'), 'utf8')) as { exports: Record<string, unknown>; bin: Record<string, string> }
    expect(Object.keys(pkg.exports)).toEqual([
      '.',
      './vite',
      './rollup',
      './rolldown',
      './esbuild',
      './webpack',
      './rspack',
      './runtime',
      './runtime/internal',
      './runtime/types',
      './redis',
      './node',
      './mock',
      './client',
      './package.json',
    ])
    expect(pkg.bin['codomyrmex-api']).toBe('./dist/plugin/cli.mjs')
  })

  it('the built runtime imports no node: module and every plugin entry loads', async () => {
    const runtime = await builtRuntime()
    expect(runtime).not.toMatch(/from\s*["']node:|require\(["']node:/)
    for (const entry of ['vite', 'rollup', 'rolldown', 'esbuild', 'webpack', 'rspack']) {
      const module = (await import(join(ROOT, `dist/plugin/${entry}.mjs`))) as { default: unknown }
      expect(typeof module.default, entry).toBe('function')
    }
  })

  it('runtime/internal (what generated code imports) shares its classes with the public entry', async () => {
    type Runtime = typeof import('../../../runtime/index')
    type Internal = typeof import('../../../runtime/internal')
    const pub = (await import(join(ROOT, 'dist/runtime/index.js'))) as Runtime
    const internal = (await import(join(ROOT, 'dist/runtime/internal.js'))) as Internal
    expect(Object.keys(internal)).not.toContain('createHttpClient')
    expect(Object.keys(pub)).not.toContain('createApiCore')
    const api = internal.createApiCore({ name: 'shared' })
    const op = api.operation({ id: 'op', method: 'GET', path: '/a' })
    const { error } = await op.safe()
    expect(error).toBeInstanceOf(pub.RequestError)
    expect(error).toBeInstanceOf(pub.NetworkingError)
    expect((error as InstanceType<Runtime['RequestError']>).code).toBe('ERR_BASE_URL')
    expect(internal.createHttpError({ status: 404, method: 'GET', url: 'http://x/', headers: {}, body: undefined })).toBeInstanceOf(pub.NotFoundError)
  })

  it('the Redis store is its own Node entry: out of the runtime, and using the runtime entry rather than a copy', async () => {
    const runtime = await builtRuntime()
    expect(runtime).not.toMatch(/ZREMRANGEBYSCORE|createRedisStore/)
    const redis = await readFile(join(ROOT, 'dist/redis/index.mjs'), 'utf8')
    expect(redis).toMatch(/from "@codomyrmex\/networking\/runtime\/internal"/)
    expect(redis).not.toMatch(/class \w*Error extends/)
    const dts = await readFile(join(ROOT, 'dist/redis/index.d.mts'), 'utf8')
    expect(dts).toMatch(/from "@codomyrmex\/networking\/runtime\/internal"/)
  })

  it('the Node transport is its own Node entry: out of the runtime, undici left a dependency, and a browser build of it fails saying why', async () => {
    const runtime = await readFile(join(ROOT, 'dist/runtime/index.js'), 'utf8')
    expect(runtime).not.toMatch(/from "undici"|createNodeFetch|createGunzip/)
    const node = await readFile(join(ROOT, 'dist/node/index.mjs'), 'utf8')
    expect(node).toMatch(/from "undici"/)
    const { createNodeFetch } = (await import(join(ROOT, 'dist/node/index.mjs'))) as { createNodeFetch: () => { close(): Promise<void> } }
    await createNodeFetch().close()
    const esbuild = await import('esbuild')
    const root = join(ROOT, 'test/fixtures/node-in-browser')
    const bundle = (platform: 'browser' | 'node') =>
      esbuild.build({
        entryPoints: [join(root, 'main.js')],
        absWorkingDir: root,
        bundle: true,
        write: false,
        platform,
        external: ['undici'],
        logLevel: 'silent',
      })
    const error = (await bundle('browser').catch((e: unknown) => e)) as { errors?: { text: string }[] }
    expect(error.errors?.map((e) => e.text).join('\n')).toContain('@codomyrmex/networking/node is the Node transport (undici) and cannot run in a browser')
    expect((await bundle('node')).errors).toEqual([])
  })

  it('client.d.ts types any virtual:api/* import until the generated declarations exist', async () => {
    // A fixture under test/fixtures resolves the package through test/fixtures/node_modules, as an app would.
    const dir = join(ROOT, 'test/fixtures/client-dts')
    const tsc = join(ROOT, 'node_modules/typescript/bin/tsc')
    const result = await run(process.execPath, [tsc, '-p', dir]).catch((error: { stdout: string }) => error)
    expect(result.stdout).toBe('')
  }, 60_000)
})
