import { copyFile, mkdir, readFile, rm, writeFile } from 'node:fs/promises'
import { join, resolve } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createServer, type ViteDevServer } from 'vite'
import networking from '../../../src/index'
import { EXPECTED_RUN, startPetstore } from '../../helpers/bundlers-server'
import type { TestServer } from '../../helpers/http-server'

const FIXTURE = resolve(__dirname, '../../fixtures/petstore-app')
const WORK = resolve(__dirname, '../../.tmp/vite-dev')
const VIRTUAL_URL = 'virtual:api/petstore'

let api: TestServer
let server: ViteDevServer

async function waitFor<T>(read: () => Promise<T>, done: (value: T) => boolean, timeoutMs = 60_000): Promise<T> {
  const end = Date.now() + timeoutMs
  for (;;) {
    const value = await read()
    if (done(value) || Date.now() > end) return value
    await new Promise((r) => setTimeout(r, 50))
  }
}

beforeAll(async () => {
  api = await startPetstore()
  await rm(WORK, { recursive: true, force: true })
  await mkdir(WORK, { recursive: true })
  await copyFile(join(FIXTURE, 'petstore.yaml'), join(WORK, 'petstore.yaml'))
  await copyFile(join(__dirname, '../../fixtures/specs/broken-status.yaml'), join(WORK, 'broken.yaml'))
  server = await createServer({
    root: FIXTURE,
    configFile: false,
    logLevel: 'silent',
    server: { host: '127.0.0.1', port: 0, ws: false },
    plugins: [
      networking.vite({
        apis: { petstore: join(WORK, 'petstore.yaml'), broken: join(WORK, 'broken.yaml') },
        dts: join(WORK, 'api-clients.d.ts'),
        cacheDir: false,
      }),
    ],
  })
  await server.pluginContainer.buildStart({})
})

afterAll(async () => {
  await server?.close()
  await api?.close()
  await rm(WORK, { recursive: true, force: true })
})

describe('Vite dev server', () => {
  it('serves virtual:api/petstore to SSR code that talks to a real server', async () => {
    const app = (await server.ssrLoadModule('/main.js')) as { run(url: string): Promise<unknown> }
    expect(await app.run(api.url)).toEqual(EXPECTED_RUN)
  })

  it('adds the HMR footer for the browser and writes the declaration file at start', async () => {
    const result = await server.environments.client.transformRequest(VIRTUAL_URL)
    expect(result?.code).toContain('import.meta.hot.accept(')
    const dts = await readFile(join(WORK, 'api-clients.d.ts'), 'utf8')
    expect(dts).toContain(`declare module "virtual:api/petstore" {`)
    expect(dts).toContain('export type ShowPetByIdInput = { path: ')
    expect(dts).toContain('export const showPetById: __Operation<ShowPetByIdInput, ShowPetByIdData, ShowPetByIdError>')
    expect(dts).not.toContain('virtual:api/broken')
  })

  it('regenerates the module when the document changes and sends an HMR update, not a reload', async () => {
    const sent: Array<{ type: string; updates?: Array<{ path: string }> }> = []
    const hot = server.environments.client.hot
    const send = hot.send.bind(hot)
    hot.send = ((payload: { type: string }) => {
      sent.push(payload)
      return send(payload as never)
    }) as typeof hot.send
    const spec = join(WORK, 'petstore.yaml')
    const text = await readFile(spec, 'utf8')
    await writeFile(spec, text.replace('operationId: listPets', 'operationId: listAllPets'))
    const code = await waitFor(
      async () => (await server.environments.client.transformRequest(VIRTUAL_URL))?.code ?? '',
      (value) => value.includes('listAllPets'),
    )
    expect(code).toContain('export const listAllPets =')
    expect(sent.map((p) => p.type)).toContain('update')
    expect(sent.map((p) => p.type)).not.toContain('full-reload')
    expect(sent.flatMap((p) => p.updates ?? []).map((u) => u.path)).toContain('virtual:api/petstore')
    const dts = await waitFor(
      () => readFile(join(WORK, 'api-clients.d.ts'), 'utf8'),
      (value) => value.includes('listAllPets'),
    )
    expect(dts).toContain('export const listAllPets:')
  })

  it('reports a broken document with file, line and column for the error overlay', async () => {
    const error = (await server.environments.client.transformRequest('virtual:api/broken').catch((e: unknown) => e)) as {
      message: string
      loc?: { file: string; line: number; column: number }
      id?: string
    }
    expect(error.message).toContain('"okay" is not an HTTP status code')
    expect(error.message).toContain('broken.yaml:10:9 at /paths/~1things/get/responses/okay')
    // The overlay prints `loc` and links it to the editor: the same column as in the message.
    expect(error.loc).toEqual({ file: join(WORK, 'broken.yaml'), line: 10, column: 9 })
    // Vite prefixes `[plugin:codomyrmex:networking]` itself: the message does not repeat it.
    expect(error.message).not.toContain('[codomyrmex:networking]')
    expect(error.message).not.toMatch(/node_modules/)
  })
})
