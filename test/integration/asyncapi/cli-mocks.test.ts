import { mkdir, readFile, rm, writeFile } from 'node:fs/promises'
import { join, relative, resolve } from 'node:path'
import { beforeEach, describe, expect, it } from 'vitest'
import { runCliIn } from '../../helpers/cli'
import { ApiContext } from '../../../src/core/context'
import { resolveOptions } from '../../../src/core/options'

const ROOT = resolve(__dirname, '../../..')
const WORK = resolve(__dirname, '../../.tmp/asyncapi-cli')
const ECHO = resolve(__dirname, '../../fixtures/corpus/asyncapi/generator-asyncapi-postman-echo.yml')
const BROKEN = resolve(__dirname, '../../fixtures/corpus/asyncapi/broken/broken-dangling-ref.yml')

const cli = (...argv: string[]) => runCliIn(WORK, ...argv)

beforeEach(async () => {
  await rm(WORK, { recursive: true, force: true })
  await mkdir(WORK, { recursive: true })
})

describe('codomyrmex-api with an AsyncAPI document', () => {
  it('generate writes the client and its declarations; check agrees', async () => {
    expect(await cli('generate', '--spec', ECHO, '--name', 'echo', '--out', 'gen')).toMatchObject({ code: 0, err: [] })
    expect(await readFile(join(WORK, 'gen/echo.js'), 'utf8')).toContain('export function connect(options)')
    expect(await readFile(join(WORK, 'gen/echo.d.ts'), 'utf8')).toContain('export interface SendPayloads')
    expect(await cli('check', '--spec', ECHO, '--name', 'echo', '--out', 'gen')).toMatchObject({ code: 0, err: [] })
  }, 60_000)

  it('a broken document exits 2 with located problems', async () => {
    const result = await cli('generate', '--spec', BROKEN, '--name', 'broken', '--out', 'gen')
    expect(result.code).toBe(2)
    // Paths are printed relative to the working folder.
    expect(result.err.join('\n')).toContain(`${relative(WORK, BROKEN)}:23:`)
  }, 60_000)
})

describe('mocks of an AsyncAPI document', () => {
  it('echo back what an echo operation sends (its reply is the message it sent), at the document socket URL', async () => {
    const context = new ApiContext(resolveOptions({ apis: { echo: ECHO }, dts: false, cacheDir: false }, ROOT))
    const { spec } = await context.mockSpec('echo')
    expect(spec).toMatchObject({ kind: 'asyncapi', urls: ['wss://ws.postman-echo.com/raw'], sends: [{ name: 'echo', reply: { echo: true } }], greeting: [] })
  }, 60_000)

  it('are declared with msw ws handlers in the declaration file', async () => {
    // The mocks module is declared once a file imports it (the scan reads the sources under the root).
    await writeFile(join(WORK, 'mocks.ts'), `import handlers from 'virtual:api/echo/mocks'\nexport default handlers\n`)
    const context = new ApiContext(resolveOptions({ apis: { echo: ECHO }, dts: join(WORK, 'api.d.ts'), cacheDir: false }, WORK))
    const { content } = await context.declarationFile()
    const block = content.slice(content.indexOf('declare module "virtual:api/echo/mocks"'))
    expect(block).toContain('WsMockHandlers<__WebSocketHandler>')
    expect(block).not.toContain('HttpHandler')
  }, 60_000)
})
