import { execFile } from 'node:child_process'
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises'
import { join, resolve } from 'node:path'
import { promisify } from 'node:util'
import { describe, expect, it } from 'vitest'
import { ApiContext } from '../../../src/core/context'
import { scanImports } from '../../../src/dts/imports'
import { resolveOptions } from '../../../src/core/options'

const ROOT = resolve(__dirname, '../../..')
const WORK = join(ROOT, 'test/.tmp/mocks-dts')

/** tsc 5.9 over the folder's `*.ts` (strict, bundler resolution): its output, empty when clean. */
async function typeCheck(dir: string): Promise<string> {
  const compilerOptions = {
    strict: true,
    target: 'ES2022',
    module: 'Preserve',
    moduleResolution: 'Bundler',
    noEmit: true,
    types: [],
    lib: ['ES2022', 'DOM'],
    skipLibCheck: true,
  }
  await writeFile(join(dir, 'tsconfig.json'), JSON.stringify({ compilerOptions, include: ['*.ts'] }))
  const tsc = join(ROOT, 'node_modules/typescript/bin/tsc')
  return promisify(execFile)(process.execPath, [tsc, '-p', join(dir, 'tsconfig.json')]).then(
    () => '',
    (error: { stdout: string }) => error.stdout,
  )
}

describe('declarations of virtual:api/<name>/mocks', () => {
  it('type-check a msw setup and reject a wrong call', async () => {
    await rm(WORK, { recursive: true, force: true })
    await mkdir(WORK, { recursive: true })
    const context = new ApiContext(
      resolveOptions({ apis: { petstore: join(ROOT, 'playground/vite-app/petstore.yaml') }, dts: join(WORK, 'api-clients.d.ts'), cacheDir: false }, WORK),
    )
    // Nothing imports the mocks module yet: no declarations for it, so tsc never loads msw's.
    await writeFile(join(WORK, 'app.ts'), `import { listPets } from 'virtual:api/petstore'\nexport const list = listPets\n`)
    await context.writeDeclarations()
    const without = await readFile(join(WORK, 'api-clients.d.ts'), 'utf8')
    expect(without).toContain('declare module "virtual:api/petstore"')
    expect(without).not.toContain('virtual:api/petstore/mocks')
    expect(without).not.toContain("from 'msw'")
    const app = `import { setupServer } from 'msw/node'
import handlers, { createHandlers, responder, spec } from 'virtual:api/petstore/mocks'
export const server = setupServer(...handlers, ...createHandlers({ baseUrl: 'http://x.test' }).handlers)
responder.fail(2, 503)
export const routes: number = spec.routes.length
// @ts-expect-error times is a number
responder.fail('2')
`
    await writeFile(join(WORK, 'app.ts'), app)
    // What a bundler's transform of the edited file reports: a new import of the mocks module changes the file.
    expect(context.recordImports(join(WORK, 'app.ts'), scanImports(app))).toBe(true)
    expect(await context.writeDeclarations()).toMatchObject({ written: true })
    expect(await typeCheck(WORK)).toBe('')
  }, 60_000)

  it('type an AsyncAPI setup: msw ws handlers, typed requests and replies', async () => {
    const work = join(WORK, '../mocks-dts-ws')
    await rm(work, { recursive: true, force: true })
    await mkdir(work, { recursive: true })
    const options = resolveOptions(
      { apis: { market: join(ROOT, 'playground/vite-app/market.yaml') }, dts: join(work, 'api-clients.d.ts'), cacheDir: false },
      work,
    )
    await writeFile(
      join(work, 'app.ts'),
      `import { setupServer } from 'msw/node'
import market, { type Subscribed, type Ticker } from 'virtual:api/market'
import handlers, { createHandlers, responder, spec } from 'virtual:api/market/mocks'
export const server = setupServer(...handlers, ...createHandlers({ url: 'wss://x.test/*' }).handlers)
export const urls: string[] = spec.urls
export const greeting: string[] = responder.greeting()
export async function run(): Promise<[Subscribed, Ticker]> {
  const ws = await market.connect()
  const reply = await ws.request.subscribe({ event: 'subscribe', pairs: ['XBT/USD'] })
  const status: 'ok' | 'error' = reply.status
  // @ts-expect-error pairs are strings
  ws.send.subscribe({ event: 'subscribe', pairs: [1] })
  // @ts-expect-error the reply has no price
  reply.price
  for await (const tick of ws.receive('ticker')) return [reply, tick]
  throw new Error(status)
}
`,
    )
    await new ApiContext(options).writeDeclarations()
    expect(await typeCheck(work)).toBe('')
  }, 60_000)
})
