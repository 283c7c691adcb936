import { readFile } from 'node:fs/promises'
import { join, resolve } from 'node:path'
import { gzipSync } from 'node:zlib'
import { build as esbuild } from 'esbuild'
import { describe, expect, it } from 'vitest'
import networking from '../../../src/index'

const FIXTURE = resolve(__dirname, '../../fixtures/stripe-app')
const CORPUS = resolve(__dirname, '../../fixtures/corpus/openapi')
const OUT = resolve(__dirname, '../../.tmp/tree-shaking')

describe('tree-shaking', () => {
  it('a bundle importing one Stripe operation ships no other operation', async () => {
    const outfile = join(OUT, 'one.mjs')
    await esbuild({
      entryPoints: [join(FIXTURE, 'one-operation.js')],
      absWorkingDir: FIXTURE,
      bundle: true,
      minify: true,
      format: 'esm',
      platform: 'browser',
      outfile,
      logLevel: 'silent',
      plugins: [
        networking.esbuild({
          apis: { stripe: join(CORPUS, 'stripe-spec3.yaml') },
          dts: false,
          cacheDir: resolve(__dirname, '../../.tmp/stripe-cache'),
        }),
      ],
    })
    const code = await readFile(outfile, 'utf8')
    const paths = new Set(code.match(/"\/v1\/[^"]*"/g))
    expect([...paths]).toEqual(['"/v1/customers"'])
    expect(code).toContain('GetCustomers')
    expect(code).not.toContain('PostCustomers')
    // The whole runtime is in there, but no trace of the 467 other operations.
    expect(gzipSync(code).length).toBeLessThan(30_000)
  }, 120_000)
})
