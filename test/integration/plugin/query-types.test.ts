import { execFile } from 'node:child_process'
import { copyFile, mkdir, rm, writeFile } from 'node:fs/promises'
import { join, resolve } from 'node:path'
import { promisify } from 'node:util'
import { beforeAll, describe, expect, it } from 'vitest'
import { ApiContext } from '../../../src/core/context'
import { resolveOptions } from '../../../src/core/options'

/**
 * The declarations of `virtual:api/<name>/query`, generated for two corpus documents, checked with
 * the app users write (test/fixtures/query-types/app.ts: `useQuery`, `useInfiniteQuery`,
 * `useMutation` from @tanstack/react-query) by our tsc 5.9 and by the users' tsc 7 (the native
 * port, installed as `typescript7`). The fixture's `@ts-expect-error` lines prove wrong inputs and
 * undocumented statuses are rejected; its `Equal` checks prove the inferred data and error types.
 */
const ROOT = resolve(__dirname, '../../..')
const WORK = join(ROOT, 'test/.tmp/query-types')
const CORPUS = join(ROOT, 'test/fixtures/corpus/openapi')
const run = promisify(execFile)

async function tsc(bin: string): Promise<string> {
  return run(process.execPath, [join(ROOT, 'node_modules', bin, 'bin/tsc'), '-p', join(WORK, 'tsconfig.json')], { maxBuffer: 16 << 20 }).then(
    ({ stdout }) => stdout,
    (error: { stdout?: string; message: string }) => error.stdout || error.message,
  )
}

beforeAll(async () => {
  await rm(WORK, { recursive: true, force: true })
  await mkdir(WORK, { recursive: true })
  const options = resolveOptions({
    apis: {
      spotify: { spec: join(CORPUS, 'spotify-web-api.yml'), pagination: { 'get-an-albums-tracks': { style: 'offset', items: 'items', total: 'total' } } },
      expanded: join(CORPUS, 'oai-petstore-expanded.yaml'),
    },
    dts: join(WORK, 'api-clients.d.ts'),
    cacheDir: false,
  })
  const { errors } = await new ApiContext(options).writeDeclarations()
  expect(errors).toEqual([])
  await copyFile(join(ROOT, 'test/fixtures/query-types/app.ts'), join(WORK, 'app.ts'))
  await writeFile(
    join(WORK, 'tsconfig.json'),
    JSON.stringify({
      compilerOptions: {
        strict: true,
        target: 'ES2022',
        module: 'Preserve',
        moduleResolution: 'Bundler',
        noEmit: true,
        types: [],
        lib: ['ES2022', 'DOM'],
        skipLibCheck: true,
      },
      include: ['*.ts'],
    }),
  )
}, 120_000)

describe('declarations of virtual:api/<name>/query with TanStack Query', () => {
  it("type-check under tsc 5.9 (the generator's)", async () => {
    expect(await tsc('typescript')).toBe('')
  }, 120_000)

  it('type-check under tsc 7 (the native port users run)', async () => {
    const { stdout } = await run(process.execPath, [join(ROOT, 'node_modules/typescript7/bin/tsc'), '--version'])
    expect(stdout).toMatch(/^Version 7\./)
    expect(await tsc('typescript7')).toBe('')
  }, 120_000)
})
