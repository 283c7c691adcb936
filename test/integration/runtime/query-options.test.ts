import { InfiniteQueryObserver, MutationObserver, QueryClient } from '@tanstack/react-query'
import { describe, expect, test } from 'vitest'
import { createApi, infiniteQueryOptionsOf, mutationOptionsOf, queryKeyOf, queryOptionsOf, type OperationDef } from '../../../runtime/internal'
import { json, serversClosedAfterEach } from '../../helpers/http-server'

/** The runtime helpers behind `virtual:api/<name>/query`, driven by TanStack's QueryClient over a real server. */
const start = serversClosedAfterEach()

function shop(url: string) {
  const api = createApi({ name: 'shop', servers: [{ url }] })
  const list: OperationDef = {
    id: 'listPets',
    method: 'GET',
    path: '/pets',
    params: [{ name: 'page', in: 'query' }],
    responses: { '200': { contentTypes: ['application/json'] } },
    pagination: { style: 'page' },
  }
  const listPets = api.operation<{ query?: { page?: number } }, Array<{ id: number }>>(list)
  const createPet = api.operation<{ body: { id: number } }, { id: number }>({
    id: 'createPet',
    method: 'POST',
    path: '/pets',
    body: { required: true, contentTypes: ['application/json'] },
  })
  return { listPets, createPet }
}

describe('query helpers', () => {
  test('keys, query, mutation and infinite options work with QueryClient; signals are merged', async () => {
    let hang: (() => void) | undefined
    const s = await start((req, res) => {
      if (req.method === 'POST') return json(res, 201, JSON.parse(req.body))
      const page = Number(new URL(req.url!, 'http://x').searchParams.get('page') ?? 1)
      if (page === 9) return void (hang = () => res.destroy())
      json(res, 200, page <= 2 ? [{ id: page }] : [])
    })
    const { listPets, createPet } = shop(s.url)
    const client = new QueryClient({ defaultOptions: { queries: { retry: false } } })
    expect(queryKeyOf('shop', listPets)()).toEqual(['shop', 'listPets', {}])
    const options = queryOptionsOf('shop', listPets)({ query: { page: 1 } }, { headers: { 'x-a': '1' } })
    expect(options.queryKey).toEqual(['shop', 'listPets', { query: { page: 1 } }])
    expect(await client.fetchQuery(options)).toEqual([{ id: 1 }])
    expect(s.requests.at(-1)?.headers['x-a']).toBe('1')

    const mutation = mutationOptionsOf('shop', createPet)()
    expect(mutation.mutationKey).toEqual(['shop', 'createPet'])
    expect(await new MutationObserver(client, mutation).mutate({ body: { id: 5 } })).toEqual({ id: 5 })

    const infinite = new InfiniteQueryObserver(client, infiniteQueryOptionsOf('shop', listPets)() as never)
    await infinite.refetch()
    while (infinite.getCurrentResult().hasNextPage) await infinite.fetchNextPage()
    const pages = (infinite.getCurrentResult().data as { pages: Array<{ items: unknown[]; next: unknown }> }).pages
    expect(pages.map((p) => [p.items, p.next])).toEqual([
      [[{ id: 1 }], 2],
      [[{ id: 2 }], 3],
      [[], undefined],
    ])
    expect(() => infiniteQueryOptionsOf('shop', createPet)({ body: { id: 1 } })).toThrow(/the operation has no pagination/)

    // The caller's own signal and TanStack's both abort the call.
    const own = new AbortController()
    const tanstack = new AbortController()
    const pending = queryOptionsOf('shop', listPets)({ query: { page: 9 } }, { signal: own.signal })
      .queryFn({ signal: tanstack.signal })
      .catch((e: { code?: string }) => e.code)
    await expect.poll(() => hang).toBeDefined()
    own.abort()
    expect(await pending).toBe('ERR_ABORTED')
    hang?.()
    client.clear()
  })
})
