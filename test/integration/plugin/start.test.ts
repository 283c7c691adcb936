import { execFile } from 'node:child_process'
import { join, resolve } from 'node:path'
import { promisify } from 'node:util'
import { describe, expect, it } from 'vitest'

const ROOT = resolve(__dirname, '../../..')

describe('npm start', () => {
  it('bundles the scraper with esbuild + the plugin and runs it against its own 127.0.0.1 server', async () => {
    const { stdout } = await promisify(execFile)(process.execPath, [join(ROOT, 'scripts/start.mjs')], { cwd: ROOT, timeout: 60_000 })
    expect(stdout).toMatch(/petstore listening on http:\/\/127\.0\.0\.1:\d+/)
    expect(stdout).toContain('listed 5 pets')
    expect(stdout).toContain('  #2 Brutus (dog)')
    expect(stdout).toContain('created pet #100')
    expect(stdout).toContain('pet #9999: HTTP 404')
  }, 90_000)
})
