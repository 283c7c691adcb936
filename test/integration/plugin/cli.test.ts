import { execFile } from 'node:child_process'
import { mkdir, readFile, rm, stat, writeFile } from 'node:fs/promises'
import { join, relative, resolve } from 'node:path'
import { promisify } from 'node:util'
import { beforeEach, describe, expect, it } from 'vitest'
import { runCliIn } from '../../helpers/cli'

const ROOT = resolve(__dirname, '../../..')
const WORK = resolve(__dirname, '../../.tmp/cli')
const PETSTORE = resolve(__dirname, '../../fixtures/petstore-app/petstore.yaml')
const BROKEN = resolve(__dirname, '../../fixtures/specs/broken-status.yaml')
const SPLIT = resolve(__dirname, '../../fixtures/corpus/openapi/oai-v2-petstore-separate')

const cli = (...argv: string[]) => runCliIn(WORK, ...argv)

beforeEach(async () => {
  await rm(WORK, { recursive: true, force: true })
  await mkdir(WORK, { recursive: true })
})

describe('codomyrmex-api', () => {
  it('generate writes <name>.js and <name>.d.ts, then leaves them alone; check agrees', async () => {
    const first = await cli('generate', '--spec', PETSTORE, '--name', 'petstore', '--out', 'gen')
    expect(first).toMatchObject({ code: 0, err: [] })
    // Paths as the user would type them: relative to the working folder.
    expect(first.out).toEqual(['wrote gen/petstore.js', 'wrote gen/petstore.d.ts'])
    const js = await readFile(join(WORK, 'gen/petstore.js'), 'utf8')
    expect(js).toContain('export const listPets =')
    expect(await readFile(join(WORK, 'gen/petstore.d.ts'), 'utf8')).toContain('declare const __default:')
    const mtime = (await stat(join(WORK, 'gen/petstore.js'))).mtimeMs
    expect((await cli('generate', '--spec', PETSTORE, '--name', 'petstore', '--out', 'gen')).out[0]).toMatch(/^unchanged /)
    expect((await stat(join(WORK, 'gen/petstore.js'))).mtimeMs).toBe(mtime)
    // One line per result, also when current.
    expect(await cli('check', '--spec', PETSTORE, '--name', 'petstore', '--out', 'gen')).toEqual({
      code: 0,
      err: [],
      out: ['current gen/petstore.js', 'current gen/petstore.d.ts'],
    })
  })

  it('prints each warning as the plugin does: relative file, line, column and JSON pointer', async () => {
    const spec = ['openapi: 3.0.3', 'info: { title: t, version: "1" }', 'servers:', '  - url: "https://"', 'paths: {}', ''].join('\n')
    await writeFile(join(WORK, 'bad-server.yaml'), spec)
    const result = await cli('generate', '--spec', 'bad-server.yaml', '--name', 'bad', '--out', 'gen')
    expect(result.code).toBe(0)
    expect(result.err).toHaveLength(1)
    expect(result.err[0]).toMatch(/^warning: bad-server\.yaml:4:\d+ at \/servers\/0\/url: /)
  })

  it('check exits 1 when the files are stale or missing', async () => {
    await cli('generate', '--spec', PETSTORE, '--name', 'petstore', '--out', 'gen')
    await writeFile(join(WORK, 'gen/petstore.js'), '// edited by hand\n')
    const stale = await cli('check', '--spec', PETSTORE, '--name', 'petstore', '--out', 'gen')
    expect(stale.code).toBe(1)
    expect(stale.err).toEqual(['stale gen/petstore.js (run codomyrmex-api generate)'])
    expect(stale.out).toEqual(['current gen/petstore.d.ts'])
    const missing = await cli('check', '--spec', PETSTORE, '--name', 'other', '--out', 'gen')
    expect(missing).toMatchObject({
      code: 1,
      err: ['missing gen/other.js (run codomyrmex-api generate)', 'missing gen/other.d.ts (run codomyrmex-api generate)'],
    })
  })

  it('reads APIs from a config file', async () => {
    await writeFile(join(WORK, 'apis.json'), JSON.stringify({ apis: { pets: { spec: PETSTORE, baseUrl: 'http://127.0.0.1:1' } }, out: 'clients' }))
    const result = await cli('generate', '--config', 'apis.json')
    expect(result.code).toBe(0)
    expect(await readFile(join(WORK, 'clients/pets.js'), 'utf8')).toContain('"servers":[{"url":"http://127.0.0.1:1"}]')
    await writeFile(join(WORK, 'apis.mjs'), `export default { apis: { pets: ${JSON.stringify(PETSTORE)} } }`)
    expect((await cli('check', '--config', 'apis.mjs')).err[0]).toContain('no "out" folder')
    expect((await cli('check', '--config', 'apis.mjs', '--out', 'clients')).code).toBe(1)
  })

  it('exits 2 with the located message for a broken document, and with usage for misuse', async () => {
    const broken = await cli('generate', '--spec', BROKEN, '--name', 'broken', '--out', 'gen')
    expect(broken.code).toBe(2)
    expect(broken.err.join('\n')).toContain(`${relative(WORK, BROKEN)}:10:9 at /paths/~1things/get/responses/okay: "okay" is not an HTTP status code`)
    expect(broken.err.join('\n')).not.toMatch(/\n\s+at /)
    for (const argv of [
      [],
      ['build'],
      ['generate', '--spec', PETSTORE],
      ['generate', '--config', 'x.json', '--spec', 'y'],
      ['check', 'extra', '--config', 'c.json'],
    ]) {
      const misuse = await cli(...argv)
      expect(misuse.code).toBe(2)
      expect(misuse.err[0]).toContain('Usage:')
    }
    expect((await cli('generate', '--spec', join(WORK, 'missing.yaml'), '--name', 'x', '--out', 'gen')).err[0]).toContain('invalid option `apis.x.spec`')
  })

  it("--help and --version exit 0; an unknown option is named without node:util's wording", async () => {
    for (const flag of ['--help', '-h']) {
      const help = await cli(flag)
      expect(help).toMatchObject({ code: 0, err: [] })
      expect(help.out[0]).toMatch(/^Usage:\n {2}codomyrmex-api sync/)
      expect(help.out[0]).toContain('--allow-refs-from <dir>')
    }
    expect((await cli('generate', '--help')).code).toBe(0)
    const { version } = JSON.parse(await readFile(join(ROOT, 'package.json'), 'utf8')) as { version: string }
    expect(await cli('--version')).toEqual({ code: 0, out: [version], err: [] })
    const unknown = await cli('generate', '--frobnicate')
    expect(unknown.code).toBe(2)
    expect(unknown.err[0]).toMatch(/^codomyrmex-api: unknown option --frobnicate\n\nUsage:/)
    expect((await cli('generate', '--spec')).err[0]).toMatch(/^codomyrmex-api: option --spec needs a value/)
  })

  it('--allow-refs-from lets file $refs read another folder, as the allowRefsFrom option does', async () => {
    const argv = ['generate', '--spec', join(SPLIT, 'spec/swagger.yaml'), '--name', 'pets', '--out', 'gen']
    const refused = await cli(...argv)
    expect(refused.code).toBe(2)
    expect(refused.err.join('\n')).toContain('allowRefsFrom')
    const allowed = await cli(...argv, '--allow-refs-from', join(SPLIT, 'common'))
    expect(allowed).toEqual({ code: 0, err: [], out: ['wrote gen/pets.js', 'wrote gen/pets.d.ts'] })
    expect((await readFile(join(WORK, 'gen/pets.js'), 'utf8')).match(/\$api\.operation\(/g)).toHaveLength(4)
  })

  it("a config file's operations and tags select what is generated, as in the plugin", async () => {
    await writeFile(
      join(WORK, 'apis.json'),
      JSON.stringify({ apis: { one: { spec: PETSTORE, operations: ['listPets'] }, none: { spec: PETSTORE, tags: ['nope'] } }, out: 'clients' }),
    )
    const result = await cli('generate', '--config', 'apis.json')
    expect(result.out).toEqual(['wrote clients/one.js', 'wrote clients/one.d.ts'])
    expect(result.err[0]).toContain('invalid option `apis.none.tags`: matched no operation of the document')
    const code = await readFile(join(WORK, 'clients/one.js'), 'utf8')
    expect(code.match(/^export const \w+/gm)).toEqual(['export const listPets'])
  })

  it('the built bin runs from dist/', async () => {
    const bin = join(ROOT, 'dist/plugin/cli.mjs')
    const run = promisify(execFile)
    const ok = await run(process.execPath, [bin, 'generate', '--spec', PETSTORE, '--name', 'petstore', '--out', join(WORK, 'bin')])
    expect(ok.stdout).toContain('wrote ')
    const failed = await run(process.execPath, [bin, 'check', '--spec', BROKEN, '--name', 'broken', '--out', join(WORK, 'bin')]).catch(
      (e: { code: number; stderr: string }) => e,
    )
    expect(failed).toMatchObject({ code: 2 })
    expect((failed as { stderr: string }).stderr).toContain('broken-status.yaml:10:9')
  })
})
