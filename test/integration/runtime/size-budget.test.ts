import { fileURLToPath } from 'node:url'
import type { Plugin } from 'esbuild'
import { describe, expect, test } from 'vitest'
import { browserBundle, type BrowserBundle } from '../../../bench/browser-size.mjs'
import { ApiContext } from '../../../src/core/context'
import { resolveOptions } from '../../../src/core/options'

/**
 * The runtime ships in users' browser bundles, so its size is tested, not just benchmarked
 * (figures and history: docs/benchmarks/http-runtime.md). Budgets are min+gzip bytes of an esbuild
 * browser build, dependencies included. The one-operation case imports `createApiCore` with no
 * features, as a generated module does for a document without security or SSE, and only the
 * operation parts it uses. Issue 13's 8 KB target is not met; see the benchmark doc for the breakdown.
 */
const BUDGET = {
  /** A generated module with one operation: what `import { listPets } from 'virtual:api/petstore'` costs. */
  // 15,090 before issue 12's hardening (redirects followed by hand, ConfigurationError checks,
  // one abort listener per signal, credential registration, 5xx body excerpts, refusing nested values);
  // 17,087 before issue 13 called fetch directly instead of through ofetch (13,810 after).
  // 13,975 before operation parts (docs/decisions/operation-parts.md); 12,515 after, measured on
  // the real generator's petstore module.
  oneOperation: 12_600,
  /**
   * The same for a document with an API key (`authFeature`): 16,097 before issue 13, when importing
   * any feature kept every other one (a spread in `allFeatures`); 14,671 after.
   */
  // +131 B: the apiKey header/cookie name check (checkAuth) travels in authFeature.
  // 13,417 with operation parts (strategy picking moved into authFeature's apiAuth).
  securedOperation: 13_550,
  /**
   * `createHttpClient` alone: 16,061 through ofetch, 10,537 after issue 13 (no OAuth2 or forms);
   * 10,686 -> 10,605 once the error classes, signal linking, failure outcomes and redaction lists
   * were written once (docs/decisions/http-client-size.md).
   * Issue 13's 7,000 is not met: what is left is behaviour every option of this client can ask for.
   * Third round (bytes inside the modules, property mangling measured): 10,606; changes that shorten
   * the minified code left gzip where it was (docs/decisions/http-client-size.md "Third round").
   */
  httpClient: 10_800,
  /** Everything `@codomyrmex/networking/runtime` exports: HTTP, WebSocket, the network manager and telemetry adapters. Apps pay only for what they import (tested above). */
  // 28,834 before this round: h12b's encoders (+1 KB), paginate() and the query helpers (+2.2 KB, only in apps that import them:
  // test/integration/plugin/query-size.test.ts), the origin store interface (+0.5 KB), the hardening (+1.6 KB) and
  // the AsyncAPI client runtime (ws-api). 36,660 measured; 33,597 once ofetch left (issue 13, which is
  // to bring it under 20,000); then what only generated code imports moved to `runtime/internal`
  // (createApi*, feature objects, ws-api and query helpers), and +770 B from the WebSocket client's
  // split into a state machine and a shell (docs/benchmarks/websocket.md "Client size").
  // +151 B for the Node transport's seam (runtime/http/transport.ts, docs/decisions/node-transport.md).
  // 29,061 -> 27,020 with the HTTP client core's round and the public entry cut to 68 names (docs/decisions/runtime-entries.md);
  // authFeature (now internal-only) carries apiAuth, a generated API's strategy picking (operation-parts.md).
  // 26,824 with the manager written once (docs/decisions/network-manager.md "Issue 13").
  wholeRuntime: 27_350,
}

const runtimeEntry = fileURLToPath(new URL('../../../runtime/index.ts', import.meta.url))
/** What generated modules import (`createApiCore`, the feature objects): `@codomyrmex/networking/runtime/internal`. */
const internalEntry = fileURLToPath(new URL('../../../runtime/internal.ts', import.meta.url))

const ROOT = fileURLToPath(new URL('../../..', import.meta.url))

/** What the real generator writes for the petstore fixture, importing the runtime's source. */
async function generatedPetstore(): Promise<string> {
  const context = new ApiContext(resolveOptions({ apis: { petstore: `${ROOT}test/fixtures/petstore-app/petstore.yaml` }, dts: false, cacheDir: false }, ROOT))
  const { code } = await context.load('petstore')
  return code.replace('"@codomyrmex/networking/runtime/internal"', JSON.stringify(internalEntry))
}

async function bundle(contents: string, modules: Record<string, string> = {}): Promise<BrowserBundle> {
  const virtual: Plugin = {
    name: 'virtual',
    setup(b) {
      b.onResolve({ filter: /^virtual:/ }, (a) => ({ path: a.path, namespace: 'virtual' }))
      b.onLoad({ filter: /.*/, namespace: 'virtual' }, (a) => ({ contents: modules[a.path], loader: 'js', resolveDir: ROOT }))
    },
  }
  return browserBundle(contents, { resolveDir: process.cwd(), plugins: [virtual] })
}

describe('runtime size budget (esbuild, platform browser, minified, gzip -9)', () => {
  test('one generated operation (the real generator on the petstore fixture; an app importing listPets)', async () => {
    const { code, gzip, kept } = await bundle(`export { listPets, configure } from 'virtual:api/petstore'`, {
      'virtual:api/petstore': await generatedPetstore(),
    })
    expect(gzip).toBeLessThanOrEqual(BUDGET.oneOperation)
    // Only the parts listPets uses (one form query parameter): no path styles, body encoder or server variables.
    expect(kept.filter((i) => /api\/body|api\/parts|auth\/api-auth/.test(i))).toEqual([])
    expect(code).not.toMatch(/ERR_SERVER_VARIABLE|ERR_BODY_REQUIRED|ERR_PATH_PARAMETER/)
    expect(kept.filter((i) => i.includes('node_modules/'))).toEqual([]) // fetch is the transport: no dependency's code at all
    expect(code).not.toMatch(/["']node:/)
    // Features the document does not use stay out (generated modules import them by name).
    expect(kept.filter((i) => /auth\/oauth2|http\/sse|api\/forms|http\/credentials/.test(i))).toEqual([])
  })

  test('one generated-style operation of a document with security: authFeature brings no other feature', async () => {
    const { gzip, kept } = await bundle(`
      import { createApiCore as createApi, authFeature } from ${JSON.stringify(internalEntry)}
      const api = /* @__PURE__ */ createApi({ name: 'p', servers: [{ url: 'https://api.test/v1' }], securitySchemes: { key: { type: 'apiKey', in: 'header', name: 'x-key' } } }, { ...authFeature })
      export const configure = api.configure
      export const listPets = /* @__PURE__ */ api.operation({ id: 'listPets', method: 'GET', path: '/pets', security: [{ key: [] }], responses: { '200': { contentTypes: ['application/json'] } }, accept: 'application/json' })
    `)
    expect(gzip).toBeLessThanOrEqual(BUDGET.securedOperation)
    expect(kept.filter((i) => /auth\/oauth2|http\/sse|api\/forms/.test(i))).toEqual([])
    expect(kept.filter((i) => /http\/credentials|auth\/from-scheme/.test(i)).length).toBe(2)
  })

  test('createHttpClient alone', async () => {
    const { gzip, kept } = await bundle(`export { createHttpClient } from ${JSON.stringify(runtimeEntry)}`)
    expect(gzip).toBeLessThanOrEqual(BUDGET.httpClient)
    // SSE parsing and credentials are in; OAuth2 grants and form encoders only come with createApi.
    expect(kept.filter((i) => /node_modules\/|http\/redirect|http\/sse|http\/credentials|auth\/oauth2|api\/forms/.test(i)).sort()).toEqual([
      expect.stringContaining('runtime/http/credentials.ts'),
      expect.stringContaining('runtime/http/redirect.ts'),
      expect.stringContaining('runtime/http/sse.ts'),
    ])
  })

  test('the whole runtime, with no node: imports anywhere', async () => {
    const { code, gzip, inputs } = await bundle(`export * from ${JSON.stringify(runtimeEntry)}`)
    expect(gzip).toBeLessThanOrEqual(BUDGET.wholeRuntime)
    expect(inputs.filter((i) => i.startsWith('node:'))).toEqual([])
    expect(code).not.toMatch(/["']node:/)
    const internal = await bundle(`export * from ${JSON.stringify(internalEntry)}`)
    expect(internal.inputs.filter((i) => i.startsWith('node:'))).toEqual([])
    expect(internal.code).not.toMatch(/["']node:/)
  })
})
