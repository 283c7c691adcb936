import { cp, readFile, rm, writeFile } from 'node:fs/promises'
import { join, resolve } from 'node:path'
import type { Browser, Page } from 'playwright-core'
import { createServer, type ViteDevServer } from 'vite'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { launchChromium, portOf } from './browser'

const APP = resolve(__dirname, '../../playground/vite-app')
const WORK = resolve(__dirname, '../.tmp/e2e-vite-app')

let vite: ViteDevServer
let browser: Browser
let page: Page
let origin: string

beforeAll(async () => {
  // A copy, so the document can be edited; its vite.config.js loads the plugin from the built package.
  await rm(WORK, { recursive: true, force: true })
  await cp(APP, WORK, { recursive: true, filter: (src) => !/node_modules|api-clients\.d\.ts/.test(src) })
  vite = await createServer({ configFile: join(WORK, 'vite.config.js'), logLevel: 'silent', server: { port: 0 }, cacheDir: join(WORK, '.vite') })
  await vite.listen()
  origin = `http://127.0.0.1:${portOf(vite.httpServer)}`
  browser = await launchChromium()
  page = await browser.newPage()
  await page.goto(origin)
}, 60_000)

afterAll(async () => {
  await browser?.close()
  await vite?.close()
})

describe('playground/vite-app in Chromium against the dev mock', () => {
  it('lists the pets the document gives as example', async () => {
    await page.locator('#status', { hasText: '3 pets' }).waitFor()
    expect(await page.locator('#pets li').allTextContents()).toEqual(['#1 Ada (cat)', '#2 Brutus (dog)', '#3 Cleo'])
  })

  it('shows the retries when the mock is told to fail, then the pets', async () => {
    await page.click('#fail')
    await page.locator('#status', { hasText: 'next 2 requests will fail' }).waitFor()
    await page.click('#reload')
    await page.locator('#status', { hasText: '3 pets' }).waitFor()
    const retries = await page.locator('#retries li').allTextContents()
    expect(retries).toHaveLength(2)
    expect(retries[0]).toMatch(/^listPets: attempt 1 failed \(status 503\), retrying in \d+ ms$/)
    expect(retries[1]).toMatch(/^listPets: attempt 2 failed/)
  })

  it('displays the 400 the mock returns for a body the document rejects, then creates a valid pet', async () => {
    await page.fill('input[name=name]', '')
    await page.click('#create button')
    await page.locator('#error', { hasText: 'body /name' }).waitFor()
    expect(await page.textContent('#error')).toMatch(/400[\s\S]*body \/name: must NOT have fewer than 1 characters/)
    await page.fill('input[name=name]', 'Nova')
    await page.click('#create button')
    // The mock sends back the pet it was given (same schema in and out, no example).
    await page.locator('#status', { hasText: /^Created #\d+ Nova$/ }).waitFor()
    expect(await page.textContent('#error')).toBe('')
  })

  it("shows a pet's detail from its own query", async () => {
    const asked = page.waitForRequest((r) => new URL(r.url()).pathname === '/__api/petstore/pets/2')
    await page.click('#pets li:nth-child(2) button')
    await asked
    // The mock samples a pet from the schema (the document gives no example for this response).
    await page.locator('#detail', { hasText: /^Pet #2: \S/ }).waitFor()
    expect(await page.textContent('#detail')).not.toContain('Loading')
  })

  it('a create mutation invalidates the list, which is fetched again', async () => {
    const lists: string[] = []
    const onRequest = (r: { url(): string; method(): string }): void => {
      if (r.method() === 'GET' && new URL(r.url()).pathname === '/__api/petstore/pets') lists.push(r.url())
    }
    page.on('request', onRequest)
    await page.fill('input[name=name]', 'Orion')
    await page.fill('input[name=tag]', 'owl')
    const created = page.waitForResponse((r) => r.request().method() === 'POST' && new URL(r.url()).pathname === '/__api/petstore/pets')
    const refetched = page.waitForRequest((r) => r.method() === 'GET' && new URL(r.url()).pathname === '/__api/petstore/pets')
    await page.click('#create button')
    expect((await created).status()).toBe(201)
    await refetched
    await page.locator('#status', { hasText: /^Created #\d+ Orion$/ }).waitFor()
    page.off('request', onRequest)
    expect(lists.length).toBeGreaterThanOrEqual(1)
    expect(new URL(lists[0]!).searchParams.get('limit')).toBe('20')
  })

  it('serves a WebSocket under the API base without taking over the HMR socket', async () => {
    const echoed = await page.evaluate(
      (url) =>
        new Promise<string>((done, fail) => {
          const socket = new WebSocket(url)
          socket.onopen = () => socket.send('ping')
          socket.onmessage = (event) => {
            done(String(event.data))
            socket.close()
          }
          socket.onerror = () => fail(new Error('socket error'))
        }),
      `${origin.replace('http', 'ws')}/__api/petstore/events`,
    )
    expect(echoed).toBe('ping')
    // A document edit reaches the mock with no page reload (the token survives): the upgrade filter left Vite alone.
    await page.evaluate(() => ((window as unknown as { __token: number }).__token = 42))
    const spec = join(WORK, 'petstore.yaml')
    await writeFile(spec, (await readFile(spec, 'utf8')).replace('name: Ada,', 'name: Ada Lovelace,'))
    await expect
      .poll(
        async () => {
          await page.click('#reload')
          return page.locator('#pets li').first().textContent()
        },
        { timeout: 15_000 },
      )
      .toBe('#1 Ada Lovelace (cat)')
    expect(await page.evaluate(() => (window as unknown as { __token: number }).__token)).toBe(42)
  })

  it('shows a live feed from the dev mock of market.yaml (AsyncAPI): pushed tickers and the subscribe reply', async () => {
    await page.locator('#feed li').nth(2).waitFor()
    expect(await page.locator('#feed li').allTextContents()).toEqual(['XBT/USD 64250.5', 'ETH/USD 3120.25', 'SOL/USD 142.1'])
    // The request's reqid (filled in by the client) came back in the reply example: request() resolved.
    await page.locator('#feed-status', { hasText: /^Subscribed: ok \(reqid \d+\)$/ }).waitFor()
    expect(await page.locator('#unknown li').count()).toBe(0)
  })

  it('HMR: a changed market.yaml reaches the open connection without a reload, routed by the new document', async () => {
    await page.evaluate(() => ((window as unknown as { __feedToken: number }).__feedToken = 7))
    const before = await page.locator('#feed li').count()
    const spec = join(WORK, 'market.yaml')
    // The wire format changes (`event: tick`) and so does an example: with the old routing data, the
    // new frames would match no message and land in #unknown.
    const text = await readFile(spec, 'utf8')
    await writeFile(spec, text.replace('const: ticker', 'const: tick').replaceAll('event: ticker', 'event: tick').replace('SOL/USD', 'ADA/USD'))
    await page.locator('#feed li', { hasText: 'ADA/USD 142.1' }).waitFor({ timeout: 30_000 })
    expect(await page.locator('#feed li').count()).toBe(before + 3)
    expect(await page.locator('#unknown li').allTextContents()).toEqual([])
    expect(await page.evaluate(() => (window as unknown as { __feedToken: number }).__feedToken)).toBe(7)
  })
})
