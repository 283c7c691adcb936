import type { ErrorResponse, Operation, OperationInput, RequestOptions } from '../api/types'
import { fetchPage } from '../pagination/fetch-page'
import { configOf, firstParam } from '../pagination/page'
import type { InfiniteCallOptions, InfinitePage, InfiniteQueryOptionsFn, MutationOptionsFn, QueryKeyFn, QueryOptionsFn } from './types'

/**
 * What `virtual:api/<name>/query` is made of: one pure call per export, so bundlers drop the
 * options of operations the app does not use. Keys hold the API name, the operationId and the
 * input (`{}` when omitted, so `listPetsQueryKey()` is a prefix of every `listPets` key).
 */

type Call = (input: OperationInput | undefined, options?: RequestOptions) => Promise<unknown>

/** The call's options with TanStack's signal; the caller's own signal still aborts too. */
function withSignal(options: RequestOptions | undefined, signal: AbortSignal): RequestOptions {
  const own = options?.signal
  return { ...options, signal: own ? AbortSignal.any([own, signal]) : signal }
}

export function queryKeyOf<A extends string, N extends string, Op extends Operation<never, unknown, ErrorResponse>>(api: A, op: Op): QueryKeyFn<A, N, Op> {
  return ((input?: OperationInput) => [api, op.def.id, input ?? {}]) as unknown as QueryKeyFn<A, N, Op>
}

export function queryOptionsOf<A extends string, N extends string, Op extends Operation<never, unknown, ErrorResponse>>(
  api: A,
  op: Op,
): QueryOptionsFn<A, N, Op> {
  return ((input?: OperationInput, options?: RequestOptions) => ({
    queryKey: [api, op.def.id, input ?? {}],
    queryFn: ({ signal }: { signal: AbortSignal }) => (op as unknown as Call)(input, withSignal(options, signal)),
  })) as unknown as QueryOptionsFn<A, N, Op>
}

export function mutationOptionsOf<A extends string, N extends string, Op extends Operation<never, unknown, ErrorResponse>>(
  api: A,
  op: Op,
): MutationOptionsFn<A, N, Op> {
  return ((options?: RequestOptions) => ({
    mutationKey: [api, op.def.id],
    mutationFn: (input?: OperationInput) => (op as unknown as Call)(input ?? undefined, options),
  })) as unknown as MutationOptionsFn<A, N, Op>
}

/** Pages as `paginate()` walks them (the operation's `pagination`, or the call's). */
export function infiniteQueryOptionsOf<A extends string, N extends string, Op extends Operation<never, unknown, ErrorResponse>>(
  api: A,
  op: Op,
): InfiniteQueryOptionsFn<A, N, Op> {
  return ((input?: OperationInput, options: InfiniteCallOptions = {}) => {
    const { pagination, ...call } = options
    const config = configOf(op.def, pagination)
    return {
      queryKey: [api, op.def.id, input ?? {}, 'infinite'],
      queryFn: async ({ signal, pageParam }: { signal: AbortSignal; pageParam: string | number | null }): Promise<InfinitePage<unknown, unknown>> => {
        const page = await fetchPage(op, config, input, withSignal(call, signal), pageParam ?? firstParam(op.def, config, input, call))
        return { items: page.items, data: page.data, next: page.next }
      },
      initialPageParam: null,
      getNextPageParam: (last: InfinitePage<unknown, unknown>) => last.next,
    }
  }) as unknown as InfiniteQueryOptionsFn<A, N, Op>
}
