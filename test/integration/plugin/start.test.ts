import { execFile, spawn } from 'node:child_process'
import { join, resolve } from 'node:path'
import { promisify } from 'node:util'
import { describe, expect, it } from 'vitest'

const ROOT = resolve(__dirname, '../../..')

describe('npm start', () => {
  it('bundles the scraper with esbuild + the plugin and runs it against its own flaky 127.0.0.1 server', async () => {
    const { stdout } = await promisify(execFile)(process.execPath, [join(ROOT, 'scripts/start.mjs')], { cwd: ROOT, timeout: 60_000 })
    expect(stdout).toMatch(/petstore listening on http:\/\/127\.0\.0\.1:\d+/)
    // The list is walked page by page with paginate(), following the server's Link header.
    expect(stdout).toContain('  page 1: 10 pets\n  page 2: 10 pets\n  page 3: 4 pets (last)\nlisted 24 pets; fetching details, 4 at a time')
    // Progress: one line per pet, numbered in completion order.
    const progress = stdout.split('\n').filter((line) => /^ {2}\[\s*\d+\/24\] #\d+ /.test(line))
    expect(progress).toHaveLength(24)
    expect(progress.at(-1)).toMatch(/^ {2}\[24\/24\]/)
    expect(stdout).toContain('#2 Brutus (dog)')
    // Every 5th pet fails once and is retried, so all 24 still arrive.
    expect(stdout.match(/^ {2}retry {2}GET \/pets\/(5|10|15|20) after attempt 1 \(status 503\)/gm)).toHaveLength(4)
    expect(stdout).toContain('created pet #100')
    expect(stdout).toContain('pet #9999: HTTP 404')
    expect(stdout).toMatch(/done: 24 pets \(18 tagged\) in \d+ ms, 4 retries/)
    // The manager's concurrency limit, as the server saw it.
    expect(stdout).toMatch(/server saw 33 requests, 4 answered 503, at most 4 at once/)
  }, 90_000)

  it('--app starts the Vite app on the mock API and prints its address', async () => {
    const child = spawn(process.execPath, [join(ROOT, 'scripts/start.mjs'), '--app'], { cwd: ROOT, stdio: ['ignore', 'pipe', 'inherit'] })
    try {
      const url = await new Promise<string>((done, fail) => {
        let out = ''
        child.stdout.on('data', (chunk: Buffer) => {
          out += chunk.toString()
          const found = /on the mock petstore: (http:\/\/127\.0\.0\.1:\d+\/)/.exec(out)?.[1]
          if (found) done(found)
        })
        child.on('exit', (code) => fail(new Error(`exited with ${code}: ${out}`)))
      })
      expect(await (await fetch(url)).text()).toContain('<h1>Petstore</h1>')
      expect(await (await fetch(`${url}__api/petstore/pets`)).json()).toHaveLength(3)
    } finally {
      child.kill('SIGINT')
    }
  }, 60_000)
})
