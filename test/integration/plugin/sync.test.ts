import { execFile } from 'node:child_process'
import { existsSync } from 'node:fs'
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { promisify } from 'node:util'
import { describe, expect, it } from 'vitest'
import { runCli } from '../../../src/cli/run'
import { appDir } from '../../helpers/app-dir'
import { build } from '../../helpers/bundlers'

const ROOT = resolve(__dirname, '../../..')
const VITE = join(ROOT, 'node_modules/vite/bin/vite.js')
const run = promisify(execFile)

async function cli(cwd: string, ...argv: string[]): Promise<{ code: number; out: string[]; err: string[] }> {
  const out: string[] = []
  const err: string[] = []
  const code = await runCli(argv, { cwd, out: (l) => out.push(l), err: (l) => err.push(l) })
  return { code, out, err }
}

/** Forget what a previous run generated: each side must produce the file on its own. */
async function clean(app: string, file: string): Promise<void> {
  await rm(join(app, file), { force: true })
  for (const cache of ['node_modules/.cache', 'web/node_modules']) await rm(join(app, cache), { recursive: true, force: true })
}

describe('codomyrmex-api sync', () => {
  it('reads the plugin options from vite.config.* and writes what `vite build` writes', async () => {
    const app = await appDir('vite-sync-app')
    const synced = await cli(app, 'sync')
    expect(synced).toEqual({ code: 0, out: ['wrote types/apis.d.ts'], err: [] })
    const fromSync = await readFile(join(app, 'types/apis.d.ts'), 'utf8')
    expect(fromSync).toContain('declare module "virtual:api/one" {')
    expect(await cli(app, 'sync')).toEqual({ code: 0, out: ['unchanged types/apis.d.ts'], err: [] })

    await clean(app, 'types/apis.d.ts')
    await run(process.execPath, [VITE, 'build'], { cwd: app })
    expect(existsSync(join(app, 'dist/index.html'))).toBe(true)
    expect(await readFile(join(app, 'types/apis.d.ts'), 'utf8')).toBe(fromSync)
  }, 120_000)

  it('--config takes the CLI config file and writes what the plugin writes with the same options', async () => {
    const app = await appDir('vite-sync-app')
    expect(await cli(app, 'sync', '--config', 'networking.config.mjs')).toEqual({ code: 0, out: ['wrote src/apis.d.ts'], err: [] })
    const fromSync = await readFile(join(app, 'src/apis.d.ts'), 'utf8')
    await clean(app, 'src/apis.d.ts')
    await build('esbuild', {
      root: app,
      entry: 'web/main.js',
      outDir: join(app, 'out'),
      options: { apis: { pets: './openapi/petstore.yaml' }, dts: 'src/apis.d.ts' },
    })
    expect(await readFile(join(app, 'src/apis.d.ts'), 'utf8')).toBe(fromSync)
  }, 120_000)

  it('a broken document fails with its location and leaves the file as it was', async () => {
    const app = await appDir('vite-sync-app')
    await mkdir(join(app, 'types'))
    await writeFile(join(app, 'types/apis.d.ts'), '// last good\n')
    await writeFile(
      join(app, 'openapi/petstore.yaml'),
      'openapi: 3.0.3\ninfo: { title: x, version: "1" }\npaths:\n  /x:\n    get:\n      responses:\n        okay: { description: no }\n',
    )
    const result = await cli(app, 'sync')
    expect(result.code).toBe(2)
    expect(result.err.join('\n')).toContain('openapi/petstore.yaml:7:9 at /paths/~1x/get/responses/okay: "okay" is not an HTTP status code')
    expect(result.err.join('\n')).not.toContain(app)
    expect(await readFile(join(app, 'types/apis.d.ts'), 'utf8')).toBe('// last good\n')
  }, 60_000)

  it('explains what is missing: no Vite config, no plugin in it, no vite installed, dts off', async () => {
    const empty = await mkdtemp(join(tmpdir(), 'codomyrmex-empty-'))
    const none = await cli(empty, 'sync')
    expect(none.code).toBe(2)
    expect(none.err[0]).toMatch(/^codomyrmex-api: no Vite config here \(vite\.config\.js, .*\); for other bundlers pass --config <file>/)

    await writeFile(join(empty, 'vite.config.mjs'), 'export default {}\n')
    expect((await cli(empty, 'sync')).err[0]).toContain('vite.config.mjs needs vite, which is not installed here')

    const app = await appDir('vite-sync-app')
    await writeFile(join(app, 'vite.config.mjs'), "export default { plugins: [{ name: 'other' }] }\n")
    expect((await cli(app, 'sync')).err[0]).toBe('codomyrmex-api: vite.config.mjs does not use the plugin (@codomyrmex/networking/vite)')
    await writeFile(join(app, 'vite.config.mjs'), 'export default {\n')
    expect((await cli(app, 'sync')).err[0]).toMatch(/^codomyrmex-api: .*vite\.config\.mjs: Vite could not load it: /)

    await writeFile(join(app, 'off.json'), JSON.stringify({ apis: { pets: './openapi/petstore.yaml' }, dts: false }))
    expect(await cli(app, 'sync', '--config', 'off.json')).toEqual({ code: 0, out: ['nothing to write: dts is false in off.json'], err: [] })
    expect((await cli(app, 'sync', '--out', 'x')).err[0]).toContain('sync takes only --config (got --out)')
  }, 60_000)
})
