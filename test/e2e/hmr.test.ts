// Builds on test/integration/plugin/vite-hmr.test.ts (updates in place, re-import on renamed
// exports, overlay shown): here the edits that must send nothing, the declaration file, and the
// overlay's pointer and its recovery.
import { copyFile, mkdir, readFile, rm, writeFile } from 'node:fs/promises'
import { join, resolve } from 'node:path'
import type { Browser, Page } from 'playwright-core'
import type { Plugin, ViteDevServer } from 'vite'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { TestServer } from '../helpers/http-server'
import { openHmrPage, startPetApi } from './browser'

const FIXTURE = resolve(__dirname, '../fixtures/hmr-app')
const WORK = resolve(__dirname, '../.tmp/e2e-hmr')
const SPEC = join(WORK, 'petstore.yaml')
const DTS = join(WORK, 'api-clients.d.ts')

type PageWindow = typeof globalThis & { __token: number; __listPets: ((input: unknown) => Promise<unknown>) & { def: { path: string } } }

let api: TestServer
let vite: ViteDevServer
let browser: Browser
let page: Page
/** What reached Vite's HMR after our plugin's hotUpdate, per document change. */
const outcomes: Array<{ file: string; modules: string[] }> = []
const sent: string[] = []

/** Runs after ours: sees exactly the modules our hook decided to update. */
const recorder: Plugin = {
  name: 'test:hmr-recorder',
  enforce: 'post',
  hotUpdate({ file, modules }) {
    if (file === SPEC && this.environment.name === 'client') outcomes.push({ file, modules: modules.map((m) => m.id ?? m.url) })
  },
}

async function edit(from: string, to: string): Promise<void> {
  const text = await readFile(SPEC, 'utf8')
  if (!text.includes(from)) throw new Error(`fixture has no ${from}`)
  const before = outcomes.length
  await writeFile(SPEC, text.replace(from, to))
  await expect.poll(() => outcomes.length, { timeout: 10_000 }).toBeGreaterThan(before)
}

beforeAll(async () => {
  api = await startPetApi()
  await rm(WORK, { recursive: true, force: true })
  await mkdir(WORK, { recursive: true })
  for (const file of ['index.html', 'main.js']) await copyFile(join(FIXTURE, file), join(WORK, file))
  // A test setup the page never loads: the mocks module is declared once a file under the root imports it.
  await writeFile(join(WORK, 'mocks.ts'), `import handlers from 'virtual:api/petstore/mocks'\nexport default handlers\n`)
  await copyFile(resolve(__dirname, '../fixtures/petstore-app/petstore.yaml'), SPEC)
  ;({ vite, browser, page } = await openHmrPage({ root: WORK, apiUrl: api.url, dts: 'api-clients.d.ts', plugins: [recorder], sent }))
}, 180_000)

afterAll(async () => {
  await browser?.close()
  await vite?.close()
  await api?.close()
})

describe('Vite HMR of virtual:api/* in Chromium', () => {
  it('sends nothing when an edit leaves the generated code as it was, but rewrites the declarations', async () => {
    const summary = /summary: (.+)/.exec(await readFile(SPEC, 'utf8'))?.[1] as string
    sent.length = 0
    await edit(`summary: ${summary}`, 'summary: Edited only in the docs')
    expect(outcomes.at(-1)?.modules).toEqual([])
    await expect.poll(() => readFile(DTS, 'utf8'), { timeout: 60_000 }).toContain('Edited only in the docs')
    expect(await readFile(DTS, 'utf8')).toMatch(
      /declare module "virtual:api\/petstore\/mocks" \{\n.*\n {2}import type \{ HttpHandler as __HttpHandler \} from 'msw'\n {2}export const spec:/,
    )
    expect(sent.filter((type) => type === 'update' || type === 'full-reload')).toEqual([])
  })

  it('points the overlay at file, line and JSON pointer, and clears it with an update when fixed', async () => {
    await page.evaluate(() => ((window as unknown as PageWindow).__token = 4242))
    const text = await readFile(SPEC, 'utf8')
    const line = text.split('\n').findIndex((l) => l.includes("'200':")) + 1
    sent.length = 0
    await edit("'200':", "'2oo':")
    const overlay = await page.waitForFunction(() => document.querySelector('vite-error-overlay')?.shadowRoot?.textContent ?? '', undefined, { timeout: 0 })
    const shown = (await overlay.jsonValue()) as string
    expect(shown).toContain(`petstore.yaml:${line}:`)
    expect(shown).toMatch(/at \/paths\/~1pets\/get\/responses\/2oo/)
    // One prefix (Vite's), and the linked location is the one in the message, column included.
    expect(shown.match(/codomyrmex:networking\]/g)).toEqual(['codomyrmex:networking]'])
    const [message, link] = await page.evaluate(() =>
      ['.message-body', '.file'].map((part) => document.querySelector('vite-error-overlay')?.shadowRoot?.querySelector(part)?.textContent ?? ''),
    )
    const inMessage = new RegExp(`petstore\\.yaml:${line}:(\\d+) `).exec(message!)?.[1]
    expect(inMessage).toBeDefined()
    expect(link).toMatch(new RegExp(`petstore\\.yaml:${line}:${inMessage}$`))

    // The fix regenerates the same code as before the break; it must still reach the page.
    await writeFile(SPEC, text.replace('  /pets:\n', '  /animals:\n'))
    await page.waitForFunction(() => document.querySelector('vite-error-overlay') === null, undefined, { timeout: 0 })
    await page.waitForFunction(() => (window as unknown as PageWindow).__listPets?.def.path === '/animals', undefined, { timeout: 0 })
    expect(await page.evaluate(() => (window as unknown as PageWindow).__token)).toBe(4242)
    expect(sent).not.toContain('full-reload')
    expect(await page.evaluate(() => (window as unknown as PageWindow).__listPets({ query: { limit: 1 } }))).toEqual([{ id: 1, name: 'from /animals' }])
  })
})
