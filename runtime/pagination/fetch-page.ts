import type { ErrorResponse, Operation, OperationInput, RequestOptions } from '../api/types'
import { itemsOf, nextParam, pageRequest } from './page'
import type { PageParam, PaginationConfig } from './types'

export interface FetchedPage {
  data: unknown
  items: unknown[]
  response: Response | undefined
  next: PageParam | undefined
}

/**
 * One page through the operation itself (`.safe()`, for the response headers), so the page gets
 * the operation's auth, retries, hooks and, for a manager's client, its limits and closeAll().
 */
export async function fetchPage(
  op: Operation<never, unknown, ErrorResponse>,
  config: PaginationConfig,
  input: OperationInput | undefined,
  options: RequestOptions,
  param: PageParam | undefined,
  origin?: string,
): Promise<FetchedPage> {
  const request = pageRequest(op.def, config, input, options, param)
  const call = op.safe as unknown as (input: OperationInput | undefined, options: RequestOptions) => ReturnType<typeof op.safe>
  const result = await call(request.input, request.options)
  if (result.error) throw result.error
  const items = itemsOf(op.def, config, result.data)
  const response = result.response
  const base = origin ?? (response?.url ? new URL(response.url).origin : undefined)
  return { data: result.data, items, response, next: nextParam(op.def, config, { data: result.data, items, response, param, origin: base }) }
}
