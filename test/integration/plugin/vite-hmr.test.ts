import { copyFile, mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises'
import { join, resolve } from 'node:path'
import { chromium, type Browser, type Page } from 'playwright-core'
import { createServer, type ViteDevServer } from 'vite'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import networking from '../../../src/index'
import { json, startServer, type TestServer } from '../../helpers/http-server'

const FIXTURE = resolve(__dirname, '../../fixtures/hmr-app')
const WORK = resolve(__dirname, '../../.tmp/vite-hmr')
const SPEC = join(WORK, 'petstore.yaml')
const ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
]

type PageWindow = typeof globalThis & {
  __token: number
  __loads: number
  __listPets: ((input: unknown) => Promise<unknown>) & { def: { path: string } }
  __petstore: Record<string, unknown>
}

let api: TestServer
let vite: ViteDevServer
let browser: Browser
let page: Page

/**
 * Saved as editors with atomic save do (write aside, rename): the watcher never sees half a file.
 * Resolves once the dev server's watcher has reported the save and will report the next one:
 * chokidar (bundled in Vite) drops a second 'change' of a path that comes within 50 ms of the
 * first, on a 50 ms timer it sets just before reporting. A test that edited again as soon as the
 * page showed the first update could lose its edit (and wait forever) when that timer ran late on
 * a loaded machine. A 50 ms timer set after it fires after it, however late timers run.
 */
async function edit(from: string, to: string): Promise<void> {
  const reported = new Promise<void>((done) => {
    const seen = (file: string): void => {
      if (resolve(file) !== SPEC) return
      vite.watcher.off('change', seen).off('add', seen)
      done()
    }
    vite.watcher.on('change', seen).on('add', seen)
  })
  const text = (await readFile(SPEC, 'utf8')).replace(from, to)
  await writeFile(`${SPEC}.tmp`, text)
  await rename(`${SPEC}.tmp`, SPEC)
  await reported
  await new Promise((settled) => setTimeout(settled, 50))
}

beforeAll(async () => {
  api = await startServer((req, res) => {
    const headers = { 'access-control-allow-origin': '*', 'access-control-allow-headers': '*' }
    if (req.method === 'OPTIONS') return res.writeHead(204, headers).end()
    return json(res, 200, [{ id: 1, name: `from ${new URL(req.url ?? '/', 'http://x').pathname}` }], headers)
  })
  await rm(WORK, { recursive: true, force: true })
  await mkdir(WORK, { recursive: true })
  for (const file of ['index.html', 'main.js']) await copyFile(join(FIXTURE, file), join(WORK, file))
  await copyFile(resolve(__dirname, '../../fixtures/petstore-app/petstore.yaml'), SPEC)
  vite = await createServer({
    root: WORK,
    configFile: false,
    logLevel: 'silent',
    server: { host: '127.0.0.1', port: 0, strictPort: false },
    plugins: [networking.vite({ apis: { petstore: 'petstore.yaml' }, dts: false, cacheDir: false })],
  })
  await vite.listen()
  const address = vite.httpServer?.address()
  const port = typeof address === 'object' && address ? address.port : 0
  browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ARGS })
  page = await browser.newPage()
  await page.goto(`http://127.0.0.1:${port}/?api=${encodeURIComponent(api.url)}`)
  await page.waitForFunction(() => (window as unknown as PageWindow).__listPets !== undefined, undefined, { timeout: 0 })
}, 180_000)

afterAll(async () => {
  await browser?.close()
  await vite?.close()
  await api?.close()
})

describe('Vite dev server in Chromium', () => {
  it('updates the operations in place when the document changes, without a reload', async () => {
    const token = await page.evaluate(() => (window as unknown as PageWindow).__token)
    expect(await page.evaluate(() => (window as unknown as PageWindow).__listPets({ query: { limit: 1 } }))).toEqual([{ id: 1, name: 'from /pets' }])

    await edit('  /pets:\n', '  /animals:\n')
    await page.waitForFunction(() => (window as unknown as PageWindow).__listPets?.def.path === '/animals', undefined, { timeout: 0 })
    // Same page (token kept), same imported binding, new definition, configure() still applied.
    expect(await page.evaluate(() => (window as unknown as PageWindow).__token)).toBe(token)
    expect(await page.evaluate(() => (window as unknown as PageWindow).__listPets({ query: { limit: 1 } }))).toEqual([{ id: 1, name: 'from /animals' }])
    expect(api.requests.map((r) => r.url)).toContain('/animals?limit=1')
  }, 120_000)

  it('re-imports when the exports change (an operation renamed)', async () => {
    await edit('operationId: showPetById', 'operationId: getPet')
    await page.waitForFunction(() => typeof (window as unknown as PageWindow).__petstore?.getPet === 'function', undefined, { timeout: 0 })
    expect(await page.evaluate(() => (window as unknown as PageWindow).__petstore.showPetById)).toBeUndefined()
  }, 120_000)

  it('shows a broken document in the error overlay with file, line and problem', async () => {
    const text = await readFile(SPEC, 'utf8')
    await writeFile(SPEC, text.replace("'200':", "'2oo':"))
    const line = text.split('\n').findIndex((l) => l.includes("'200':")) + 1
    const overlay = await page.waitForFunction(() => document.querySelector('vite-error-overlay')?.shadowRoot?.textContent ?? '', undefined, { timeout: 0 })
    const shown = (await overlay.jsonValue()) as string
    expect(shown).toContain('"2oo" is not an HTTP status code')
    expect(shown).toContain(`petstore.yaml:${line}:`)
  }, 120_000)
})
