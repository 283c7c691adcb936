import { gzipSync } from 'node:zlib'
import { fileURLToPath } from 'node:url'
import { build } from 'esbuild'
import { describe, expect, test } from 'vitest'

/**
 * The runtime ships in users' browser bundles, so its size is tested, not just benchmarked
 * (figures and history: docs/benchmarks/http-runtime.md). Budgets are min+gzip bytes of an esbuild
 * browser build, ofetch included. The one-operation case imports `createApiCore` with no features,
 * as a generated module does for a document without security or SSE. The issue's 6 KB target is
 * not met: ofetch alone is ~4 KB; see
 * the benchmark doc for the breakdown.
 */
const BUDGET = {
  /** A generated module with one operation: what `import { listPets } from 'virtual:api/petstore'` costs. */
  // 15,090 before issue 12's hardening (redirects followed by hand, ConfigurationError checks,
  // one abort listener per signal, credential registration, 5xx body excerpts, refusing nested values).
  oneOperation: 17_300,
  /** Everything `@codomyrmex/networking/runtime` exports: HTTP, WebSocket, the network manager and telemetry adapters. Apps pay only for what they import (tested above). */
  // 28,834 before this round: h12b's encoders (+1 KB), paginate() and the query helpers (+2.2 KB, only in apps that import them:
  // test/integration/plugin/query-size.test.ts), the origin store interface (+0.5 KB), the hardening (+1.6 KB) and
  // the AsyncAPI client runtime (ws-api). 36,660 measured; issue 13 is to bring it back under 20,000.
  // +770 B from the WebSocket client's split into a pure state machine and a shell (ws-size branch,
  // docs/benchmarks/websocket.md "Client size"): 37,430 measured, 37,514 merged with main at 425a0ee.
  // +151 B for the Node transport's seam (runtime/http/transport.ts, docs/decisions/node-transport.md):
  // 37,665 measured on node-transport merged with main at 38a8d07.
  wholeRuntime: 37_700,
}

const runtimeEntry = fileURLToPath(new URL('../../../runtime/index.ts', import.meta.url))

async function bundle(contents: string): Promise<{ code: string; gzip: number; inputs: string[]; kept: string[] }> {
  const result = await build({
    stdin: { contents, resolveDir: process.cwd(), loader: 'ts' },
    bundle: true,
    minify: true,
    format: 'esm',
    platform: 'browser',
    write: false,
    metafile: true,
    logLevel: 'silent',
  })
  const code = result.outputFiles[0]!.text
  const out = Object.values(result.metafile.outputs)[0]!.inputs
  const kept = Object.keys(out).filter((i) => out[i]!.bytesInOutput > 0)
  return { code, gzip: gzipSync(code, { level: 9 }).length, inputs: Object.keys(result.metafile.inputs), kept }
}

describe('runtime size budget (esbuild, platform browser, minified, gzip -9)', () => {
  test('one generated-style operation', async () => {
    const { code, gzip, inputs, kept } = await bundle(`
      import { createApiCore as createApi } from ${JSON.stringify(runtimeEntry)}
      const api = /* @__PURE__ */ createApi({ name: 'petstore', servers: [{ url: 'http://petstore.swagger.io/v1' }] })
      export const configure = api.configure
      export const listPets = /* @__PURE__ */ api.operation({ id: 'listPets', method: 'GET', path: '/pets', params: [{ name: 'limit', in: 'query', style: 'form', explode: true }], responses: { '200': { contentTypes: ['application/json'] } } })
    `)
    expect(gzip).toBeLessThanOrEqual(BUDGET.oneOperation)
    expect(inputs.some((i) => i.includes('node_modules/ofetch/'))).toBe(true) // ofetch counted
    expect(code).not.toMatch(/["']node:/)
    // Features the document does not use stay out (generated modules import them by name).
    expect(kept.filter((i) => /auth\/oauth2|http\/sse|api\/forms/.test(i))).toEqual([])
  })

  test('the whole runtime, with no node: imports anywhere', async () => {
    const { code, gzip, inputs } = await bundle(`export * from ${JSON.stringify(runtimeEntry)}`)
    expect(gzip).toBeLessThanOrEqual(BUDGET.wholeRuntime)
    expect(inputs.filter((i) => i.startsWith('node:'))).toEqual([])
    expect(code).not.toMatch(/["']node:/)
  })
})
