import { fileURLToPath } from 'node:url'
import { describe, expect, test } from 'vitest'
import { browserBundle } from '../../../bench/browser-size.mjs'

/**
 * The network manager's own share of a browser bundle: the bundle of what an app imports to use it
 * minus the bundle of what it builds on (the HTTP and WebSocket clients), min+gzip of an esbuild
 * browser build, as `node bench/manager/size.mjs` measures (figures: docs/benchmarks/manager.md
 * "Size"). Budgets are the 2026-12-03 figures plus about 2 %.
 */
const BUDGET = {
  // 7,572 before issue 13's manager round, 7,352 after; 6,443 with the rate limit a feature passed in.
  manager: 6_575,
  // 1,936 (unchanged by issue 13's manager round); 1,913 on 2026-12-03 (the base it is measured over changed).
  pagination: 1_950,
}

const runtime = JSON.stringify(fileURLToPath(new URL('../../../runtime/index.ts', import.meta.url)))
const base = `export { createHttpClient, createWebSocket } from ${runtime}`

async function bundle(contents: string): Promise<{ gzip: number; inputs: string[]; kept: string[] }> {
  return browserBundle(contents, { resolveDir: process.cwd() })
}

describe('network manager size budget (esbuild, platform browser, minified, gzip -9)', () => {
  test('the manager and its client builders, beyond the HTTP and WebSocket clients', async () => {
    const [floor, managed, limited] = await Promise.all([
      bundle(base),
      bundle(`${base}\nexport { createNetworkManager, httpClient, apiClient, webSocketClient } from ${runtime}`),
      bundle(`${base}\nexport { createNetworkManager, httpClient, apiClient, webSocketClient, rateLimiting } from ${runtime}`),
    ])
    const own = managed.gzip - floor.gzip
    expect(own, `manager's own cost ${own} B`).toBeGreaterThan(0)
    expect(own, `manager's own cost ${own} B`).toBeLessThanOrEqual(BUDGET.manager)
    // The shared (Redis) store is its own entry: an in-memory manager never carries it.
    expect(managed.inputs.filter((i) => i.includes('runtime/redis/'))).toEqual([])
    // Nor the rate limit, unless `rateLimiting` is imported (it is in the same public entry, so it is read, but leaves no byte).
    const rateLimit = (kept: string[]) => kept.filter((i) => /manager\/(token-bucket|rate-limit-headers|rate-advice|rate-limiting)\./.test(i))
    expect(rateLimit(managed.kept)).toEqual([])
    expect(rateLimit(limited.kept)).toHaveLength(4)
  })

  test('pagination, beyond the HTTP client', async () => {
    const [floor, paged] = await Promise.all([bundle(base), bundle(`${base}\nexport { paginate, PaginationError, linkTargets } from ${runtime}`)])
    const own = paged.gzip - floor.gzip
    expect(own, `pagination's own cost ${own} B`).toBeGreaterThan(0)
    expect(own, `pagination's own cost ${own} B`).toBeLessThanOrEqual(BUDGET.pagination)
  })
})
