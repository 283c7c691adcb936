import type { ErrorResponse, Operation, OperationInput } from '../api/types'
import { TimeoutError } from '../errors/transport-errors'
import { PaginationError } from './errors'
import { fetchPage } from './fetch-page'
import { configOf, firstParam } from './page'
import type { Page, PageItem, PageParam, PaginateOptions } from './types'

/** Items one by one with `for await`; whole pages with `.pages()`. Each iteration walks from the first page again. */
export interface Paginator<T, D> extends AsyncIterable<T> {
  pages(): AsyncIterableIterator<Page<T, D>>
}

/** Whether the input may be left out follows the operation, as for a call. */
export type PaginateArgs<I> = {} extends I ? [input?: I, options?: PaginateOptions] : [input: I, options?: PaginateOptions]

/**
 * Walks every page of a list operation: `for await (const pet of paginate(listPets, { query: { limit: 50 } }))`.
 * Pages are fetched one at a time, only as the loop asks for them; each is an ordinary call of the
 * operation (retries, auth, hooks, a manager's limits). Stops on an empty page, when the response
 * names no next page, or at `maxPages`/`maxItems`; a cursor or link seen before (a looping server)
 * ends it with `PaginationError` (`ERR_PAGINATION_LOOP`), as does the same page twice in a row for
 * offset and page numbers (a server ignoring the parameter).
 */
export function paginate<I extends OperationInput, D, E extends ErrorResponse, T = PageItem<D>>(
  op: Operation<I, D, E>,
  ...args: PaginateArgs<I>
): Paginator<T, D> {
  const [input, options = {}] = args as [OperationInput | undefined, PaginateOptions | undefined]
  const { pagination, maxPages = Infinity, maxItems = Infinity, deadline, now = Date.now, ...call } = options
  const def = op.def
  const config = configOf(def, pagination)
  const anyOp = op as unknown as Operation<never, unknown, ErrorResponse>

  async function* pages(): AsyncGenerator<Page<T, D>, void, undefined> {
    const endAt = deadline === undefined ? undefined : now() + deadline
    const seen = new Set<PageParam>()
    let param = firstParam(def, config, input, call)
    let origin: string | undefined
    let previous: string | undefined
    let items = 0
    for (let index = 0; index < maxPages && items < maxItems; index++) {
      call.signal?.throwIfAborted()
      let left: number | undefined
      if (endAt !== undefined) {
        left = endAt - now()
        if (left <= 0) throw new TimeoutError({ method: def.method, url: def.path, operationId: def.id, attempts: index }, 'deadline', deadline!)
      }
      const page = await fetchPage(anyOp, config, input, left === undefined ? call : { ...call, deadline: left }, param, origin)
      if (index === 0 && page.response?.url) {
        origin = new URL(page.response.url).origin
        if (config.style === 'link') seen.add(page.response.url)
      }
      if (page.items.length === 0) return
      if (config.style === 'offset' || config.style === 'page') {
        // A server that ignores the parameter sends the same page forever.
        const text = JSON.stringify(page.items)
        if (text === previous)
          throw new PaginationError(
            def.id,
            `page ${index + 1} repeats page ${index} (does the server honour the \`${config.param ?? config.style}\` parameter?)`,
            'ERR_PAGINATION_LOOP',
          )
        previous = text
      }
      const kept = (items + page.items.length > maxItems ? page.items.slice(0, maxItems - items) : page.items) as T[]
      items += kept.length
      yield { index, items: kept, data: page.data as D, response: page.response, next: page.next }
      if (page.next === undefined) return
      if (config.style === 'link' || config.style === 'cursor') {
        if (seen.has(page.next)) {
          const what = config.style === 'link' ? 'next link' : `cursor ${JSON.stringify(page.next)}`
          throw new PaginationError(def.id, `page ${index + 1} sent a ${what} already followed; stopping a loop`, 'ERR_PAGINATION_LOOP')
        }
        seen.add(page.next)
      }
      param = page.next
    }
  }

  return {
    pages,
    async *[Symbol.asyncIterator]() {
      for await (const page of pages()) yield* page.items
    },
  }
}
