import { describe, expect, it } from 'vitest'
import { generateApi } from '../../../src/codegen/generate'
import type { OpenApiDocument } from '../../../src/spec/document'
import { resolveOptions } from '../../../src/core/options'
import { OptionsError } from '../../../src/errors'

const ok = { '200': { description: 'ok', content: { 'application/json': { schema: { type: 'array', items: { type: 'string' } } } } } }
const document: OpenApiDocument = {
  openapi: '3.0.3',
  info: { title: 'Odd', version: '1' },
  paths: {
    '/a': {
      get: { operationId: 'listPets', responses: ok },
      post: { operationId: 'listPetsInfinite', responses: ok },
    },
    '/b/*/': {
      get: { operationId: 'key', responses: ok },
      delete: { operationId: 'then', responses: { '204': { description: 'gone' } } },
      head: { operationId: 'peek', responses: { '200': { description: 'ok' } } },
    },
  },
}

describe('virtual:api/<name>/query generation', () => {
  it('one pure call per export, names that cannot collide, mutations for data-changing methods only', async () => {
    const { query, queryAmbient } = await generateApi({ name: 'odd', document, pagination: { '*': { style: 'link' }, key: false } })
    const exports = [...query.matchAll(/^export const (\w+) = \/\* @__PURE__ \*\/ \$\$(\w+)\("odd", \$(\w+)\)$/gm)].map((m) => `${m[1]}:${m[2]}:${m[3]}`)
    expect(exports).toEqual([
      'listPetsQueryKey:key:listPets',
      'listPetsQueryOptions:query:listPets',
      'listPetsInfiniteQueryOptions:infinite:listPets',
      // `listPetsInfinite` + `QueryOptions` is taken by listPets' infinite query: numbered in document order.
      'listPetsInfiniteQueryKey:key:listPetsInfinite',
      'listPetsInfiniteQueryOptions2:query:listPetsInfinite',
      'listPetsInfiniteMutationOptions:mutation:listPetsInfinite',
      // An operation named `key` does not shadow the runtime helper imported as `$$key`.
      'keyQueryKey:key:key',
      'keyQueryOptions:query:key',
      'then_QueryKey:key:then_',
      'then_QueryOptions:query:then_',
      'then_MutationOptions:mutation:then_',
      'peekQueryKey:key:peek',
      'peekQueryOptions:query:peek',
    ])
    expect(query).toContain(
      `import { listPets as $listPets, listPetsInfinite as $listPetsInfinite, key as $key, then_ as $then_, peek as $peek } from "virtual:api/odd"`,
    )
    expect(query).not.toMatch(/@tanstack/)
    // "*" covers GET only (HEAD `peek` is not paged); `key: false` opts out.
    expect(query).not.toContain('keyInfiniteQueryOptions')
    expect(queryAmbient).toContain('export const listPetsInfiniteQueryOptions: $$InfiniteQueryOptionsFn<"odd", "listPets", typeof $listPets>')
    // A path holding `*/` cannot end the doc comment early.
    expect(queryAmbient).toContain('/** `GET /b/*\\/` */')
  })

  it('puts the pagination on the operations it names, and refuses names the document lacks', async () => {
    const { code } = await generateApi({ name: 'odd', document, pagination: { listPets: { style: 'cursor', param: 'c', next: 'meta.next' } } })
    expect(code).toContain('"pagination":{"style":"cursor","param":"c","next":"meta.next"}')
    await expect(generateApi({ name: 'odd', document, pagination: { listPetz: { style: 'link' } } })).rejects.toThrow(
      'invalid option `apis.odd.pagination.listPetz`: no operation of the document has this operationId',
    )
  })

  it('an API without operations gets an empty query module', async () => {
    const { query, queryAmbient } = await generateApi({ name: 'none', document: { openapi: '3.0.3', info: { title: 'x', version: '1' }, paths: {} } })
    expect(query).not.toContain('virtual:api/none')
    expect(queryAmbient).not.toContain('export const')
  })
})

describe('apis.<name>.pagination option', () => {
  const check = (pagination: unknown): string => {
    try {
      resolveOptions({ apis: { shop: { spec: 'x.yaml', pagination } } }, process.cwd(), { checkFiles: false })
    } catch (error) {
      expect(error).toBeInstanceOf(OptionsError)
      return (error as Error).message
    }
    return 'accepted'
  }

  it.each([
    [[{ style: 'link' }], 'apis.shop.pagination`: expected an object of operationId'],
    [{ listPets: 'link' }, 'apis.shop.pagination.listPets`: expected { style, ... } or false'],
    [{ listPets: { style: 'pages' } }, 'apis.shop.pagination.listPets.style`: expected "link", "cursor", "offset" or "page"'],
    [{ listPets: { style: 'cursor', param: 'c' } }, 'apis.shop.pagination.listPets.next`: required for style "cursor"'],
    [{ listPets: { style: 'link', param: 'c' } }, 'apis.shop.pagination.listPets.param`: unknown option for style "link"; expected items'],
    [{ listPets: { style: 'offset', param: '' } }, 'apis.shop.pagination.listPets.param`: expected a non-empty string'],
    [{ listPets: { style: 'page', start: 0.5 } }, 'apis.shop.pagination.listPets.start`: expected an integer'],
  ])('%j is refused naming the option', (pagination, message) => {
    expect(check(pagination)).toContain(message)
  })

  it('accepts every style, "*" and false', () => {
    expect(
      check({
        '*': { style: 'link', items: 'data' },
        a: false,
        b: { style: 'cursor', param: 'c', next: 'n' },
        c: { style: 'offset', total: 't' },
        d: { style: 'page', start: 0, totalPages: 'p' },
      }),
    ).toBe('accepted')
  })
})
