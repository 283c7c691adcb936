/**
 * Headless Chromium (Debian's /usr/bin/chromium via playwright-core) on a page served from
 * 127.0.0.1 with the HTTP runtime's browser build loaded as `window.rt`. The same server answers
 * the API routes the test gives it, so calls are same-origin unless a test says otherwise.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import { build } from 'esbuild'
import { type Browser, chromium, type Page } from 'playwright-core'

const ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
]

export interface RuntimePage {
  page: Page
  url: string
  close(): Promise<void>
}

export type ApiHandler = (req: IncomingMessage & { body: Buffer }, res: ServerResponse) => void

export async function openRuntimePage(api: ApiHandler): Promise<RuntimePage> {
  const bundle = await build({
    // What applications import and what generated modules import (createApi), as one page module.
    stdin: { contents: "export * from './runtime/index'\nexport * from './runtime/internal'", resolveDir: process.cwd(), loader: 'ts' },
    bundle: true,
    write: false,
    format: 'esm',
    platform: 'browser',
    target: 'es2022',
    logLevel: 'silent',
  })
  const code = bundle.outputFiles[0]!.text
  const server = createServer(async (req, res) => {
    if (req.url === '/')
      return res
        .writeHead(200, { 'content-type': 'text/html' })
        .end(`<!doctype html><script type="module">import * as rt from '/rt.js'; window.rt = rt; window.ready = true</script>`)
    if (req.url === '/rt.js') return res.writeHead(200, { 'content-type': 'text/javascript' }).end(code)
    const chunks: Buffer[] = []
    for await (const c of req) chunks.push(c as Buffer)
    api(Object.assign(req, { body: Buffer.concat(chunks) }), res)
  })
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r))
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
  let browser: Browser
  try {
    browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ARGS })
  } catch (error) {
    server.close()
    throw new Error('Chromium did not start: install Debian chromium (scripts/prepare-test.mjs does)', { cause: error })
  }
  const page = await browser.newPage()
  await page.goto(url)
  await page.waitForFunction(() => (window as unknown as { ready?: boolean }).ready === true, undefined, { timeout: 0 })
  return {
    page,
    url,
    async close() {
      await browser.close()
      server.closeAllConnections()
      await new Promise<void>((r) => server.close(() => r()))
    },
  }
}
