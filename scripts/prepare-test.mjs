// Installs what the test suite needs beyond npm packages, so `npm ci && npm test` works on a fresh
// machine: Debian's Chromium for the browser tests (no browser download; playwright-core drives it).
import { execSync } from 'node:child_process'
import { existsSync } from 'node:fs'

const CHROMIUM = '/usr/bin/chromium'

if (!existsSync(CHROMIUM) && process.env.SKIP_BROWSER_INSTALL !== '1') {
  const sudo = process.getuid?.() === 0 ? '' : 'sudo '
  console.log('[prepare-test] installing Debian chromium for browser tests')
  try {
    execSync(`${sudo}apt-get update -qq && ${sudo}DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium`, {
      stdio: 'inherit',
      shell: '/bin/bash',
    })
  } catch {
    console.warn('[prepare-test] could not install chromium; browser tests will fail with a clear message')
  }
}
