import { readFile } from 'node:fs/promises'
import { join, resolve } from 'node:path'
import { pathToFileURL } from 'node:url'
import { InfiniteQueryObserver, MutationObserver, QueryClient } from '@tanstack/react-query'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { BUNDLERS, build, type Bundler } from '../../helpers/bundlers'
import { json, startServer, type TestServer } from '../../helpers/http-server'

/**
 * `virtual:api/<name>/query` built by each bundler (a virtual module importing another), then
 * driven by TanStack Query's own QueryClient against a server on 127.0.0.1: the objects are used
 * exactly as `useQuery`/`useMutation`/`useInfiniteQuery` would use them.
 */
const FIXTURE = resolve(__dirname, '../../fixtures/query-app')
const OUT = resolve(__dirname, '../../.tmp/query-module')
const ROOTLESS = new Set(['rollup', 'rolldown'])

interface QueryModule {
  configure(options: { baseUrl: string; retry?: false }): void
  listPetsQueryKey(input?: unknown): unknown[]
  listPetsQueryOptions(input?: unknown, options?: unknown): { queryKey: unknown[]; queryFn: (ctx: { signal: AbortSignal }) => Promise<unknown> }
  listPetsInfiniteQueryOptions(input?: unknown): Parameters<QueryClient['fetchInfiniteQuery']>[0]
  showPetByIdQueryOptions(input: unknown): { queryKey: unknown[]; queryFn: (ctx: { signal: AbortSignal }) => Promise<unknown> }
  createPetMutationOptions(): { mutationKey: unknown[]; mutationFn: (input: unknown) => Promise<unknown> }
  [name: string]: unknown
}

let server: TestServer
let hold: ((release: () => void) => void) | undefined
beforeAll(async () => {
  server = await startServer(async (req, res) => {
    const url = new URL(req.url!, 'http://x')
    if (url.pathname === '/v1/pets' && req.method === 'GET') {
      if (url.searchParams.get('limit') === '0') return new Promise<void>((release) => hold?.(release)) // answered never; aborted by TanStack
      const cursor = Number(url.searchParams.get('cursor') ?? 0)
      return json(res, 200, {
        items: [
          { id: cursor + 1, name: `pet ${cursor + 1}` },
          { id: cursor + 2, name: `pet ${cursor + 2}` },
        ],
        next: cursor < 4 ? String(cursor + 2) : null,
      })
    }
    if (url.pathname === '/v1/pets' && req.method === 'POST') {
      const pet = JSON.parse(req.body) as { name: string }
      return pet.name ? json(res, 201, pet) : json(res, 422, { problems: ['name is empty'] })
    }
    if (url.pathname === '/v1/pets/404') return json(res, 404, { message: 'no such pet' })
    return json(res, 200, { id: Number(url.pathname.split('/').at(-1)), name: 'one' })
  })
})
afterAll(() => server.close())

async function buildWith(bundler: Bundler): Promise<{ mod: QueryModule; code: string }> {
  const file = await build(bundler, {
    root: FIXTURE,
    entry: 'main.js',
    outDir: join(OUT, bundler),
    options: {
      apis: { shop: { spec: './shop.yaml', pagination: { listPets: { style: 'cursor', param: 'cursor', next: 'next', items: 'items' } } } },
      dts: false,
      cacheDir: false,
      ...(ROOTLESS.has(bundler) ? { root: FIXTURE } : {}),
    },
  })
  const mod = (await import(`${pathToFileURL(file).href}?t=${Date.now()}`)) as QueryModule
  mod.configure({ baseUrl: `${server.url}/v1`, retry: false })
  return { mod, code: await readFile(file, 'utf8') }
}

describe.each(BUNDLERS)('%s builds virtual:api/shop/query', (bundler) => {
  it('exports option factories that TanStack Query runs against the server', async () => {
    const { mod, code } = await buildWith(bundler)
    expect(code).not.toMatch(/@tanstack/)
    expect(
      Object.keys(mod)
        .filter((k) => k !== 'configure')
        .sort(),
    ).toEqual([
      'createPetMutationOptions',
      'createPetQueryKey',
      'createPetQueryOptions',
      'listPetsInfiniteQueryOptions',
      'listPetsQueryKey',
      'listPetsQueryOptions',
      'showPetByIdQueryKey',
      'showPetByIdQueryOptions',
    ])
    const client = new QueryClient({ defaultOptions: { queries: { retry: false } } })
    // Keys: serialisable, stable, the input's `{}` when omitted (a prefix of every key of the operation).
    expect(mod.listPetsQueryKey({ query: { limit: 2 } })).toEqual(['shop', 'listPets', { query: { limit: 2 } }])
    expect(JSON.parse(JSON.stringify(mod.listPetsQueryOptions().queryKey))).toEqual(['shop', 'listPets', {}])

    expect(await client.fetchQuery(mod.listPetsQueryOptions({ query: { limit: 2 } }))).toEqual({
      items: [
        { id: 1, name: 'pet 1' },
        { id: 2, name: 'pet 2' },
      ],
      next: '2',
    })
    expect(await client.fetchQuery(mod.showPetByIdQueryOptions({ path: { petId: 7 } }))).toEqual({ id: 7, name: 'one' })
    const error = (await client.fetchQuery(mod.showPetByIdQueryOptions({ path: { petId: 404 } })).catch((e: unknown) => e)) as { status: number; body: unknown }
    expect([error.status, error.body]).toEqual([404, { message: 'no such pet' }])

    // A mutation, then invalidating the list refetches it.
    const created = new MutationObserver(client, mod.createPetMutationOptions())
    expect(await created.mutate({ body: { id: 9, name: 'Nova' } })).toEqual({ id: 9, name: 'Nova' })
    const invalid = (await new MutationObserver(client, mod.createPetMutationOptions()).mutate({ body: { id: 1, name: '' } }).catch((e: unknown) => e)) as {
      status: number
      body: unknown
    }
    expect([invalid.status, invalid.body]).toEqual([422, { problems: ['name is empty'] }])
    const before = server.requests.filter((r) => r.method === 'GET' && r.url === '/v1/pets?limit=2').length
    await client.invalidateQueries({ queryKey: mod.listPetsQueryKey() })
    await client.refetchQueries({ queryKey: mod.listPetsQueryKey(), type: 'all' })
    expect(server.requests.filter((r) => r.method === 'GET' && r.url === '/v1/pets?limit=2').length).toBeGreaterThan(before)

    // Infinite query: pages follow the cursor configured in `apis.shop.pagination`.
    const infinite = new InfiniteQueryObserver(client, mod.listPetsInfiniteQueryOptions({ query: { limit: 2 } }) as never)
    await infinite.refetch()
    while (infinite.getCurrentResult().hasNextPage) await infinite.fetchNextPage()
    const pages = (infinite.getCurrentResult().data as { pages: Array<{ items: Array<{ id: number }>; next: unknown }> }).pages
    expect(pages.map((p) => [p.items.map((i) => i.id), p.next])).toEqual([
      [[1, 2], '2'],
      [[3, 4], '4'],
      [[5, 6], undefined],
    ])
    client.clear()
  })
})

describe('query options and cancellation', () => {
  it("TanStack's signal aborts the call (cancelQueries), and the call options' own signal still applies", async () => {
    const { mod } = await buildWith('esbuild')
    const client = new QueryClient({ defaultOptions: { queries: { retry: false } } })
    const arrived = new Promise<() => void>((r) => (hold = r))
    const options = mod.listPetsQueryOptions({ query: { limit: 0 } })
    const pending = client.fetchQuery(options).catch((e: unknown) => e)
    const release = await arrived
    await client.cancelQueries({ queryKey: options.queryKey })
    const error = (await pending) as Error
    expect(error.constructor.name).toBe('CancelledError')
    release()
    // The caller's own signal: aborted before the call, the call fails with our AbortError.
    const own = new AbortController()
    own.abort()
    const aborted = (await mod
      .listPetsQueryOptions({ query: { limit: 2 } }, { signal: own.signal })
      .queryFn({ signal: new AbortController().signal })
      .catch((e: unknown) => e)) as { code: string }
    expect(aborted.code).toBe('ERR_ABORTED')
  })
})
