import { describe, expect, test } from 'vitest'
import {
  AbortError,
  apiClient,
  createNetworkManager,
  ManagerClosedError,
  paginate,
  PaginationError,
  TimeoutError,
  type Operation,
} from '../../../runtime/index'
import { createApi, type OperationDef, type PaginationConfig } from '../../../runtime/internal'
import { json, serversClosedAfterEach } from '../../helpers/http-server'
import { manualTimers } from '../../helpers/instant-timers'

const start = serversClosedAfterEach()

interface Pet {
  id: number
}
const pets = (from: number, to: number): Pet[] => Array.from({ length: Math.max(0, to - from) }, (_, i) => ({ id: from + i }))

/** What a generated module holds for one list operation (see src/codegen), with `pagination` from the plugin options. */
function listOperation(url: string, pagination?: PaginationConfig, params: OperationDef['params'] = [{ name: 'limit', in: 'query' }]) {
  const api = createApi({ name: 'shop', servers: [{ url }] })
  const def: OperationDef = {
    id: 'listPets',
    method: 'GET',
    path: '/pets',
    params,
    responses: { '200': { contentTypes: ['application/json'] } },
    ...(pagination ? { pagination } : {}),
  }
  const listPets = api.operation<{ query?: { limit?: number; cursor?: string; offset?: number; page?: number } }, unknown>(def)
  return { api, listPets, tree: { listPets } }
}

async function collect<T>(iterable: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = []
  for await (const item of iterable) out.push(item)
  return out
}

const query = (url: string): URLSearchParams => new URL(url, 'http://x').searchParams

describe('paginate: Link header (RFC 8288)', () => {
  test('follows rel="next" among other relations, relative and absolute, until there is none', async () => {
    const s = await start((req, res) => {
      const page = Number(query(req.url!).get('page') ?? 1)
      const links = [
        // A target with a comma and a quoted title holding `;` and `,` must not confuse the parser.
        `<${s.url}/pets?page=1&tag=a,b>; rel="first"; title="one; two, three"`,
        page < 3 ? (page === 1 ? `</pets?page=2&limit=2>; REL="prev NEXT"` : `<${s.url}/pets?page=3&limit=2>; rel=next`) : '',
      ].filter(Boolean)
      json(res, 200, pets((page - 1) * 2, page * 2), { link: links.join(', ') })
    })
    const { listPets } = listOperation(s.url, { style: 'link' })
    expect((await collect(paginate(listPets, { query: { limit: 2 } }))).map((p) => (p as Pet).id)).toEqual([0, 1, 2, 3, 4, 5])
    expect(s.requests.map((r) => r.url)).toEqual(['/pets?limit=2', '/pets?page=2&limit=2', '/pets?page=3&limit=2'])
  })

  test('pages() yields each page with its response; a next link to another origin is refused', async () => {
    const s = await start((_req, res) => json(res, 200, pets(0, 2), { link: '<http://127.0.0.2:1/pets?page=2>; rel="next"' }))
    const { listPets } = listOperation(s.url, { style: 'link' })
    const seen: number[] = []
    const error = await (async () => {
      for await (const page of paginate(listPets).pages()) seen.push(page.response!.status, page.items.length)
    })().catch((e: unknown) => e)
    expect(error).toBeInstanceOf(PaginationError)
    expect((error as PaginationError).code).toBe('ERR_PAGINATION_LINK')
    expect((error as Error).message).toContain('leaves http://127.0.0.1:')
    expect(seen).toEqual([])
    expect(s.requests).toHaveLength(1)
  })

  test('a link back to a page already fetched is a loop, stopped with a clear error', async () => {
    const s = await start((req, res) => json(res, 200, pets(0, 1), { link: `<${s.url}/pets?page=${query(req.url!).get('page') === '2' ? 1 : 2}>; rel="next"` }))
    const { listPets } = listOperation(s.url, { style: 'link' })
    const got: unknown[] = []
    const error = await (async () => {
      for await (const pet of paginate(listPets, { query: {} }, { pagination: { style: 'link' } })) got.push(pet)
    })().catch((e: unknown) => e)
    expect((error as PaginationError).code).toBe('ERR_PAGINATION_LOOP')
    expect(s.requests.map((r) => r.url)).toEqual(['/pets', '/pets?page=2', '/pets?page=1'])
    expect(got).toHaveLength(3)
  })
})

describe('paginate: cursor in the body', () => {
  test('sends the cursor back, declared as a parameter or not, and stops when the body has none', async () => {
    for (const params of [[{ name: 'cursor', in: 'query' as const }], []]) {
      const s = await start((req, res) => {
        const cursor = Number(query(req.url!).get('cursor') ?? 0)
        json(res, 200, { data: pets(cursor, cursor + 3), meta: { next: cursor < 6 ? String(cursor + 3) : null } })
      })
      const { listPets } = listOperation(s.url, { style: 'cursor', param: 'cursor', next: 'meta.next', items: 'data' }, params)
      expect((await collect(paginate(listPets))).map((p) => (p as Pet).id)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8])
      expect(s.requests.map((r) => r.url)).toEqual(['/pets', '/pets?cursor=3', '/pets?cursor=6'])
    }
  })

  test('a server that repeats a cursor is stopped after a bounded number of requests', async () => {
    const s = await start((req, res) => {
      const cursor = query(req.url!).get('cursor')
      json(res, 200, { items: pets(0, 2), next: cursor === 'b' ? 'a' : cursor === 'a' ? 'b' : 'a' })
    })
    const { listPets } = listOperation(s.url, { style: 'cursor', param: 'cursor', next: '$.next' })
    const error = await collect(paginate(listPets)).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(PaginationError)
    expect((error as PaginationError).code).toBe('ERR_PAGINATION_LOOP')
    expect((error as Error).message).toBe('paginate listPets: page 3 sent a cursor "a" already followed; stopping a loop')
    expect(s.requests).toHaveLength(3)
  })

  test('an empty page ends the walk even when it names a next cursor', async () => {
    const s = await start((req, res) => json(res, 200, { items: query(req.url!).get('cursor') ? [] : pets(0, 2), next: 'more' }))
    const { listPets } = listOperation(s.url, { style: 'cursor', param: 'cursor', next: 'next' })
    expect(await collect(paginate(listPets))).toHaveLength(2)
    expect(s.requests).toHaveLength(2)
  })
})

describe('paginate: offset/limit and page numbers', () => {
  test("offset advances by the items received, from the input's own offset, until an empty page", async () => {
    const s = await start((req, res) => {
      const q = query(req.url!)
      const offset = Number(q.get('offset'))
      json(res, 200, pets(offset, Math.min(offset + Number(q.get('limit')), 7)))
    })
    const { listPets } = listOperation(s.url, { style: 'offset' }, [
      { name: 'limit', in: 'query' },
      { name: 'offset', in: 'query' },
    ])
    expect((await collect(paginate(listPets, { query: { limit: 3, offset: 1 } }))).map((p) => (p as Pet).id)).toEqual([1, 2, 3, 4, 5, 6])
    expect(s.requests.map((r) => r.url)).toEqual(['/pets?limit=3&offset=1', '/pets?limit=3&offset=4', '/pets?limit=3&offset=7'])
  })

  test('offset stops at the total the body reports, without asking for an empty page', async () => {
    const s = await start((req, res) => {
      const offset = Number(query(req.url!).get('skip'))
      json(res, 200, { results: pets(offset, Math.min(offset + 2, 4)), count: 4 })
    })
    const { listPets } = listOperation(s.url, { style: 'offset', param: 'skip', total: 'count' })
    expect(await collect(paginate(listPets))).toHaveLength(4)
    expect(s.requests.map((r) => r.url)).toEqual(['/pets?skip=0', '/pets?skip=2'])
  })

  test('page numbers count up from 1 until an empty page, or to totalPages', async () => {
    const s = await start((req, res) => {
      const page = Number(query(req.url!).get('page'))
      json(res, 200, { items: pets((page - 1) * 2, Math.min(page * 2, 5)), pages: 9 })
    })
    const { listPets } = listOperation(s.url, { style: 'page' })
    expect(await collect(paginate(listPets))).toHaveLength(5)
    expect(s.requests.map((r) => r.url)).toEqual(['/pets?page=1', '/pets?page=2', '/pets?page=3', '/pets?page=4'])
    const capped = listOperation(s.url, { style: 'page', totalPages: 'pages', start: 8 })
    expect(await collect(paginate(capped.listPets))).toHaveLength(0)
    const two = listOperation(s.url, { style: 'page', totalPages: 'pages' })
    expect(await collect(paginate(two.listPets, undefined, { pagination: { style: 'page', totalPages: 'pages', start: 1 }, maxItems: 3 }))).toHaveLength(3)
  })

  test('a server that ignores the page parameter is caught on the second page', async () => {
    const s = await start((_req, res) => json(res, 200, pets(0, 2)))
    const { listPets } = listOperation(s.url, { style: 'page' })
    const error = await collect(paginate(listPets)).catch((e: unknown) => e)
    expect((error as PaginationError).code).toBe('ERR_PAGINATION_LOOP')
    expect((error as Error).message).toContain('does the server honour the `page` parameter?')
    expect(s.requests).toHaveLength(2)
  })
})

describe('paginate: bounds, failures, abort, deadline', () => {
  const endless = () =>
    start((req, res) => {
      const page = Number(query(req.url!).get('page'))
      json(res, 200, pets(page * 10, page * 10 + 10))
    })

  test('maxPages and maxItems bound an endless list', async () => {
    const s = await endless()
    const { listPets } = listOperation(s.url, { style: 'page' })
    const pages = await collect(paginate(listPets, {}, { maxPages: 3 }).pages())
    expect(pages.map((p) => [p.index, p.items.length, p.next])).toEqual([
      [0, 10, 2],
      [1, 10, 3],
      [2, 10, 4],
    ])
    const items = await collect(paginate(listPets, {}, { maxItems: 25 }))
    expect(items.map((p) => (p as Pet).id).slice(-2)).toEqual([33, 34])
    expect(items).toHaveLength(25)
    expect(s.requests).toHaveLength(6)
  })

  test('a failing page is retried like any call, and the walk goes on', async () => {
    let failed = 0
    const s = await start((req, res) => {
      const page = Number(query(req.url!).get('page'))
      if (page === 2 && failed++ < 2) return json(res, 503, { message: 'busy' })
      json(res, 200, page <= 3 ? pets(page, page + 1) : [])
    })
    const { listPets } = listOperation(s.url, { style: 'page' })
    const retries: number[] = []
    const items = await collect(
      paginate(listPets, {}, { retry: { limit: 2, baseDelay: 1, budget: false }, hooks: { onRetry: (ctx) => void retries.push(ctx.attempt) } }),
    )
    expect(items.map((p) => (p as Pet).id)).toEqual([1, 2, 3])
    expect(retries).toEqual([1, 2])
    expect(s.requests.map((r) => r.url)).toEqual(['/pets?page=1', '/pets?page=2', '/pets?page=2', '/pets?page=2', '/pets?page=3', '/pets?page=4'])
  })

  test('aborting while a page is in flight ends the loop with AbortError and sends nothing more', async () => {
    const controller = new AbortController()
    const s = await start((req, res) => {
      const page = Number(query(req.url!).get('page'))
      if (page === 1) return json(res, 200, pets(0, 2))
      controller.abort(new Error('user left')) // page 2 is in flight now; it never answers
    })
    const { listPets } = listOperation(s.url, { style: 'page' })
    const got: unknown[] = []
    const error = await (async () => {
      for await (const pet of paginate(listPets, {}, { signal: controller.signal })) got.push(pet)
    })().catch((e: unknown) => e)
    expect(error).toBeInstanceOf(AbortError)
    expect(got).toHaveLength(2)
    expect(s.requests).toHaveLength(2)
  })

  test('the deadline covers the whole walk: a page left without time is not sent', async () => {
    const s = await endless()
    const { api, listPets } = listOperation(s.url, { style: 'page' })
    // Time passes only when the test moves it (the walk and the calls read the same injected clock):
    // a first page slowed by load cannot use up the 50 ms.
    const clock = manualTimers()
    api.configure({ timers: clock.timers })
    const walk = paginate(listPets, {}, { deadline: 50, now: clock.timers.now }).pages()
    const first = await walk.next()
    expect(first.value?.items).toHaveLength(10)
    clock.advance(60) // let the deadline pass between two pages
    const error = await walk.next().catch((e: unknown) => e)
    expect(error).toBeInstanceOf(TimeoutError)
    expect((error as TimeoutError).code).toBe('ERR_DEADLINE')
    expect((error as Error).message).toBe('GET /pets (listPets): deadline of 50 ms exceeded')
    expect(s.requests).toHaveLength(1)
  })

  test('the deadline also ends a page in flight', async () => {
    const s = await start((req, res) => {
      if (query(req.url!).get('page') === '1') json(res, 200, pets(0, 1))
      // later pages never answer
    })
    const { listPets } = listOperation(s.url, { style: 'page' })
    const error = await collect(paginate(listPets, {}, { deadline: 300 })).catch((e: unknown) => e)
    expect((error as TimeoutError).code).toBe('ERR_DEADLINE')
  })

  test('no pagination configured fails at once, naming where to configure it', () => {
    const { listPets } = listOperation('http://127.0.0.1:9')
    expect(() => paginate(listPets)).toThrow(
      /paginate listPets: the operation has no pagination; pass \{ pagination: \{ style: \.\.\. \} \} or set apis\.<name>\.pagination/,
    )
    expect(() => paginate(listPets, {}, { pagination: { style: 'cursor' } as PaginationConfig })).toThrow(/cursor pagination needs `param`/)
  })

  test('items that are not where the configuration says are a clear error', async () => {
    const s = await start((_req, res) => json(res, 200, { a: [1], b: [2] }))
    const { listPets } = listOperation(s.url, { style: 'page' })
    await expect(collect(paginate(listPets))).rejects.toThrow(
      'paginate listPets: the page has several array members (a, b); set pagination.items to the path of its items',
    )
    await expect(collect(paginate(listPets, {}, { pagination: { style: 'page', items: 'a.0' } }))).rejects.toThrow(
      '`a.0` in the page is number, not an array of items',
    )
  })
})

describe('paginate through the network manager', () => {
  test('each page goes through the manager (metrics), and closeAll() ends a walk in flight', async () => {
    let release: (() => void) | undefined
    const s = await start((req, res) => {
      const page = Number(query(req.url!).get('page'))
      if (page <= 2) return json(res, 200, pets(page, page + 1))
      release?.() // page 3 hangs until closeAll()
    })
    const { api, tree } = listOperation(s.url, { style: 'page' })
    const manager = createNetworkManager({ clients: { shop: apiClient((options) => api.createClient(options ?? {}, tree)) } })
    const listPets = manager.get('shop').listPets as Operation<{ query?: { page?: number } }, Pet[]>
    const walk = paginate(listPets)[Symbol.asyncIterator]()
    expect((await walk.next()).value).toEqual({ id: 1 })
    expect((await walk.next()).value).toEqual({ id: 2 })
    expect(manager.metrics().clients.shop?.requests).toBe(2)
    const hanging = walk.next()
    await new Promise<void>((r) => (release = r))
    await manager.closeAll()
    await expect(hanging).rejects.toBeInstanceOf(ManagerClosedError)
  })
})
