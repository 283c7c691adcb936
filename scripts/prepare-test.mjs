// Installs what the test suite needs beyond npm packages, so `npm ci && npm test` works on a fresh
// machine: Debian's Chromium for the browser tests (no browser download; playwright-core drives it)
// and Debian's redis-server for the shared-store tests (test/helpers/redis-server.ts starts it).
import { execSync } from 'node:child_process'
import { existsSync } from 'node:fs'

const CHROMIUM = '/usr/bin/chromium'
const REDIS = '/usr/bin/redis-server'

const wanted = []
if (!existsSync(CHROMIUM) && process.env.SKIP_BROWSER_INSTALL !== '1') wanted.push({ pkg: 'chromium', why: 'browser tests' })
if (!existsSync(REDIS) && process.env.SKIP_REDIS_INSTALL !== '1') wanted.push({ pkg: 'redis-server', why: 'Redis store tests' })

if (wanted.length > 0) {
  const sudo = process.getuid?.() === 0 ? '' : 'sudo '
  console.log(`[prepare-test] installing Debian ${wanted.map((w) => `${w.pkg} (${w.why})`).join(', ')}`)
  try {
    execSync(`${sudo}apt-get update -qq && ${sudo}DEBIAN_FRONTEND=noninteractive apt-get install -y -qq ${wanted.map((w) => w.pkg).join(' ')}`, {
      stdio: 'inherit',
      shell: '/bin/bash',
    })
  } catch {
    console.warn(`[prepare-test] could not install ${wanted.map((w) => w.pkg).join(', ')}; those tests will fail with a clear message`)
  }
}
