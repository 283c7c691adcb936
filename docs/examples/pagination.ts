import { paginate, PaginationError } from '@codomyrmex/networking/runtime'
import petstore, { listPets, type Pet } from 'virtual:api/petstore'

export async function main(baseUrl: string) {
  petstore.configure({ baseUrl })

  // Every pet, page by page (two per request), fetched only as the loop asks for more.
  // The style comes from `apis.petstore.pagination` in the plugin options, or per call as here:
  // { style: 'link' } (Link rel="next"), { style: 'cursor', param, next }, { style: 'offset' },
  // { style: 'page' }. An `offset` the operation does not declare is still sent.
  const names: string[] = []
  for await (const pet of paginate(listPets, { query: { limit: 2 } }, { pagination: { style: 'offset' } })) {
    names.push(pet.name)
  }

  // Whole pages, with bounds: each page is a normal call (retries, timeout) and the deadline covers the walk.
  const sizes: number[] = []
  const pages = paginate(listPets, { query: { limit: 2 } }, { pagination: { style: 'offset' }, maxPages: 5, maxItems: 50, deadline: 10_000 })
  for await (const page of pages.pages()) sizes.push(page.items.length)

  // A misconfigured walk fails with a clear error instead of looping.
  let error = ''
  try {
    for await (const pet of paginate(listPets, {}, { pagination: { style: 'page', param: 'not-honoured' } })) void (pet satisfies Pet)
  } catch (e) {
    if (e instanceof PaginationError) error = e.code
  }
  return { names, sizes, error }
}
