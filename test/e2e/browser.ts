import { chromium, type Browser } from 'playwright-core'

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
