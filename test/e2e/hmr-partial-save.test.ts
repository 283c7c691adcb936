// Saves in two steps (truncate, then write: some editors, `>` in a shell): the watcher reports the
// half-written document first. The page must keep its module until the rest arrives, and see the
// error overlay only for a document that stays broken.
import { appendFile, copyFile, mkdir, readFile, rm, writeFile } from 'node:fs/promises'
import { join, resolve } from 'node:path'
import type { Browser, Page } from 'playwright-core'
import type { Plugin, ViteDevServer } from 'vite'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { TestServer } from '../helpers/http-server'
import { openHmrPage, startPetApi } from './browser'

const FIXTURE = resolve(__dirname, '../fixtures/hmr-app')
const WORK = resolve(__dirname, '../.tmp/e2e-hmr-partial-save')
const SPEC = join(WORK, 'petstore.yaml')
const MODULE = '\0virtual:api/petstore'

type PageWindow = typeof globalThis & { __token: number; __listPets: ((input: unknown) => Promise<unknown>) & { def: { path: string } } }

let api: TestServer
let vite: ViteDevServer
let browser: Browser
let page: Page
/** What reached Vite's HMR after our plugin's hotUpdate, per change of the document. */
const outcomes: string[][] = []
/** The payload types the dev server sent to the page. */
const sent: string[] = []

/** Runs after ours: sees exactly the modules our hook decided to update. */
const recorder: Plugin = {
  name: 'test:hmr-recorder',
  enforce: 'post',
  hotUpdate({ file, modules }) {
    if (file === SPEC && this.environment.name === 'client') outcomes.push(modules.map((m) => m.id ?? m.url))
  },
}

/**
 * Writes, then waits until the dev server has handled a change of the document (our hook
 * included) that `until` accepts; returns every outcome since the write (one write may be seen
 * as more than one change).
 */
async function handled(write: () => Promise<void>, until: (modules: string[]) => boolean = () => true): Promise<string[][]> {
  const before = outcomes.length
  await write()
  await expect.poll(() => outcomes.slice(before).some(until), { timeout: 30_000 }).toBe(true)
  return outcomes.slice(before)
}

const updatesModule = (modules: string[]) => modules.includes(MODULE)

const path = () => page.evaluate(() => (window as unknown as PageWindow).__listPets?.def.path)

beforeAll(async () => {
  api = await startPetApi()
  await rm(WORK, { recursive: true, force: true })
  await mkdir(WORK, { recursive: true })
  for (const file of ['index.html', 'main.js']) await copyFile(join(FIXTURE, file), join(WORK, file))
  await copyFile(resolve(__dirname, '../fixtures/petstore-app/petstore.yaml'), SPEC)
  ;({ vite, browser, page } = await openHmrPage({ root: WORK, apiUrl: api.url, dts: false, plugins: [recorder], sent }))
}, 180_000)

afterAll(async () => {
  await browser?.close()
  await vite?.close()
  await api?.close()
})

describe('a document saved in two steps (truncate, then write)', () => {
  it('sends nothing for the half-written file, then the new module, and never an error', async () => {
    await page.evaluate(() => ((window as unknown as PageWindow).__token = 1717))
    const next = (await readFile(SPEC, 'utf8')).replace('  /pets:\n', '  /animals:\n')
    // Cut inside a quoted status key: the first half is not even YAML.
    const cut = next.indexOf("'200':") + 2
    sent.length = 0

    const half = await handled(() => writeFile(SPEC, next.slice(0, cut)))
    expect(half.filter(updatesModule)).toEqual([])
    await handled(() => appendFile(SPEC, next.slice(cut)), updatesModule)
    await page.waitForFunction(() => (window as unknown as PageWindow).__listPets?.def.path === '/animals', undefined, { timeout: 0 })

    expect(sent).not.toContain('error')
    expect(sent).not.toContain('full-reload')
    expect(await page.evaluate(() => (window as unknown as PageWindow).__token)).toBe(1717)
    expect(await page.evaluate(() => document.querySelector('vite-error-overlay'))).toBeNull()
  }, 120_000)

  it('shows a document that stays broken in the overlay, located, while the last good module keeps running', async () => {
    const text = await readFile(SPEC, 'utf8')
    const line = text.split('\n').findIndex((l) => l.includes("'200':")) + 1
    sent.length = 0

    // At first nothing is sent: it could be the first half of a save.
    const first = await handled(() => writeFile(SPEC, text.replace("'200':", "'2oo':")))
    expect(first[0]).not.toContain(MODULE)
    // Once the content has stood still, the change runs again and reaches the overlay.
    const overlay = await page.waitForFunction(() => document.querySelector('vite-error-overlay')?.shadowRoot?.textContent ?? '', undefined, { timeout: 0 })
    const shown = (await overlay.jsonValue()) as string
    expect(shown).toContain('"2oo" is not an HTTP status code')
    expect(shown).toContain(`petstore.yaml:${line}:`)
    expect(outcomes.at(-1)).toContain(MODULE)
    expect(sent).not.toContain('full-reload')
    expect(await path()).toBe('/animals')
    expect(await page.evaluate(() => (window as unknown as PageWindow).__listPets({ query: { limit: 1 } }))).toEqual([{ id: 1, name: 'from /animals' }])

    // The fix clears it with an update (same page).
    await handled(() => writeFile(SPEC, text.replace('  /animals:\n', '  /pets:\n')), updatesModule)
    await page.waitForFunction(() => document.querySelector('vite-error-overlay') === null, undefined, { timeout: 0 })
    await page.waitForFunction(() => (window as unknown as PageWindow).__listPets?.def.path === '/pets', undefined, { timeout: 0 })
    expect(await page.evaluate(() => (window as unknown as PageWindow).__token)).toBe(1717)
    expect(sent).not.toContain('full-reload')
  }, 120_000)
})
