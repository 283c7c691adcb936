import { chromium, type Browser, type Page } from 'playwright-core'
import { createServer, type Plugin, type ViteDevServer } from 'vite'
import networking from '../../src/index'
import { json, startServer, type TestServer } from '../helpers/http-server'

/** The Debian chromium, headless, with nothing that reaches the network on its own. */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
  })
}

export function portOf(server: { address(): unknown } | null | undefined): number {
  const address = server?.address()
  return typeof address === 'object' && address !== null ? (address as { port: number }).port : 0
}

/** A 127.0.0.1 API that answers every path with one pet named after the path, with CORS for the page. */
export function startPetApi(): Promise<TestServer> {
  return startServer((req, res) => {
    const headers = { 'access-control-allow-origin': '*', 'access-control-allow-headers': '*' }
    if (req.method === 'OPTIONS') return res.writeHead(204, headers).end()
    return json(res, 200, [{ id: 1, name: `from ${new URL(req.url ?? '/', 'http://x').pathname}` }], headers)
  })
}

export interface HmrPage {
  vite: ViteDevServer
  browser: Browser
  page: Page
}

/**
 * A Vite dev server on `root` with our plugin and `plugins`, whose HMR payload types are pushed to
 * `sent`, and a Chromium page on it that talks to `apiUrl`; resolves once the page has the
 * generated `listPets` (the hmr-app fixture sets `window.__listPets`).
 */
export async function openHmrPage(options: { root: string; apiUrl: string; dts: string | false; plugins: Plugin[]; sent: string[] }): Promise<HmrPage> {
  const vite = await createServer({
    root: options.root,
    configFile: false,
    logLevel: 'silent',
    server: { host: '127.0.0.1', port: 0 },
    plugins: [networking.vite({ apis: { petstore: 'petstore.yaml' }, dts: options.dts, cacheDir: false }), ...options.plugins],
  })
  const hot = vite.environments.client.hot
  const send = hot.send.bind(hot)
  hot.send = ((payload: { type: string }) => {
    options.sent.push(payload.type)
    return send(payload as never)
  }) as typeof hot.send
  await vite.listen()
  const browser = await launchChromium()
  const page = await browser.newPage()
  await page.goto(`http://127.0.0.1:${portOf(vite.httpServer)}/?api=${encodeURIComponent(options.apiUrl)}`)
  await page.waitForFunction(() => (globalThis as { __listPets?: unknown }).__listPets !== undefined, undefined, { timeout: 0 })
  return { vite, browser, page }
}
