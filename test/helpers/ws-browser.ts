/**
 * Headless Chromium (Debian's /usr/bin/chromium, driven by playwright-core) on a page served from
 * 127.0.0.1 that has the WebSocket client's browser build loaded as `window.ws`.
 */
import http from 'node:http'
import type { AddressInfo } from 'node:net'
import { build } from 'esbuild'
import { type Browser, chromium, type Page } from 'playwright-core'

export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
]

/** The client bundled for browsers exactly as an app bundler would (browser export conditions). */
export async function bundleBrowserClient(minify = false): Promise<string> {
  const result = await build({
    entryPoints: ['runtime/ws/index.ts'],
    bundle: true,
    write: false,
    format: 'esm',
    platform: 'browser',
    target: 'es2022',
    minify,
    logLevel: 'silent',
  })
  return result.outputFiles[0]!.text
}

export interface BrowserPage {
  page: Page
  close(): Promise<void>
}

export async function openClientPage(): Promise<BrowserPage> {
  const code = await bundleBrowserClient()
  const server = http.createServer((req, res) => {
    if (req.url === '/ws-client.js') {
      res.writeHead(200, { 'content-type': 'text/javascript' })
      res.end(code)
      return
    }
    res.writeHead(200, { 'content-type': 'text/html' })
    // Counts native constructions, to prove the client used the browser's own WebSocket.
    res.end(`<!doctype html><script>
      window.nativeCalls = 0
      const Native = window.WebSocket
      window.WebSocket = class extends Native { constructor(...a) { super(...a); window.nativeCalls++ } }
    </script><script type="module">import * as ws from '/ws-client.js'; window.ws = ws; window.ready = true</script>`)
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  let browser: Browser
  try {
    browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: CHROMIUM_ARGS })
  } catch (error) {
    server.close()
    throw new Error('Chromium could not start: run `node scripts/prepare-test.mjs` to install /usr/bin/chromium', {
      cause: error,
    })
  }
  const page = await browser.newPage()
  await page.goto(`http://127.0.0.1:${(server.address() as AddressInfo).port}/`)
  await page.waitForFunction(() => (window as unknown as { ready?: boolean }).ready === true, undefined, { timeout: 0 })
  return {
    page,
    async close() {
      await browser.close()
      await new Promise<void>((resolve) => server.close(() => resolve()))
    },
  }
}
