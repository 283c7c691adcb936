import { readFile } from 'node:fs/promises'
import { join, resolve } from 'node:path'
import { pathToFileURL } from 'node:url'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { EXPECTED_RUN, startPetstore } from '../../helpers/bundlers-server'
import { BUNDLERS, build } from '../../helpers/bundlers'
import type { TestServer } from '../../helpers/http-server'

const FIXTURE = resolve(__dirname, '../../fixtures/petstore-app')
const OUT = resolve(__dirname, '../../.tmp/bundlers')
const ROOTLESS = new Set(['rollup', 'rolldown'])

let server: TestServer
beforeAll(async () => {
  server = await startPetstore()
})
afterAll(() => server.close())

describe.each(BUNDLERS)('%s builds virtual:api/petstore', (bundler) => {
  it('and the built app makes real requests to 127.0.0.1', async () => {
    const outDir = join(OUT, bundler)
    const file = await build(bundler, {
      root: FIXTURE,
      entry: 'main.js',
      outDir,
      // Vite, webpack, rspack and esbuild tell the plugin their root; Rollup and Rolldown have none.
      options: { apis: { petstore: './petstore.yaml' }, dts: false, cacheDir: false, ...(ROOTLESS.has(bundler) ? { root: FIXTURE } : {}) },
    })
    const code = await readFile(file, 'utf8')
    // The generated module was bundled, the runtime came in through the package's exports map.
    expect(code).toContain('showPetById')
    expect(code).not.toMatch(/^\s*import[^\n]*from\s*["']virtual:api/m)
    // Bundled, not left for Node to find at run time (which hid an unresolved runtime/internal import in Rollup).
    expect(code).not.toMatch(/from\s*["']@codomyrmex\/networking/)
    expect(code).not.toContain('import.meta.hot')
    const app = (await import(`${pathToFileURL(file).href}?t=${Date.now()}`)) as { run(url: string): Promise<unknown> }
    const before = server.requests.length
    expect(await app.run(server.url)).toEqual(EXPECTED_RUN)
    const requests = server.requests.slice(before).map((r) => `${r.method} ${r.url}`)
    expect(requests).toEqual(['GET /pets?limit=2', 'GET /pets/p%207', 'POST /pets', 'GET /pets/404', 'GET /pets'])
    expect(JSON.parse(server.requests[before + 2]?.body ?? 'null')).toEqual({ id: 3, name: 'Rex' })
    expect(server.requests.at(-1)?.headers['x-client']).toBe('second')
  })
})

describe.each(BUNDLERS)('%s bundles the runtime once for both entries', (bundler) => {
  it("a generated operation's error is an instance of the class the app imports from the public entry", async () => {
    const file = await build(bundler, {
      root: FIXTURE,
      entry: 'typed-errors.js',
      outDir: join(OUT, `${bundler}-typed-errors`),
      options: { apis: { petstore: './petstore.yaml' }, dts: false, cacheDir: false, ...(ROOTLESS.has(bundler) ? { root: FIXTURE } : {}) },
    })
    expect(await readFile(file, 'utf8')).not.toMatch(/from\s*["']@codomyrmex\/networking/)
    const app = (await import(`${pathToFileURL(file).href}?t=${Date.now()}`)) as { run(url: string): Promise<unknown> }
    expect(await app.run(server.url)).toEqual({ notFound: true, http: true, networking: true, status: 404 })
  })
})

describe.each(BUNDLERS)('%s reports a broken document', (bundler) => {
  it('with the file, line and problem, and no dependency stack', async () => {
    const broken = resolve(__dirname, '../../fixtures/specs/broken-status.yaml')
    const error = (await build(bundler, {
      root: FIXTURE,
      entry: 'main.js',
      outDir: join(OUT, `${bundler}-broken`),
      options: { apis: { petstore: broken }, dts: false, cacheDir: false, root: FIXTURE },
    }).catch((e: unknown) => e)) as Error
    expect(error).toBeInstanceOf(Error)
    expect(error.message).toContain(`${broken}:10:9`)
    expect(error.message).toContain('"okay" is not an HTTP status code')
  })
})
