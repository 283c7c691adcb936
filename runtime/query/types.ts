import type { ErrorResponse, Operation, OperationArgs, RequestOptions, SafeError } from '../api/types'
import type { PageItem, PageParam, PaginationConfig } from '../pagination/types'

/**
 * Plain option objects for TanStack Query 5 (React, Vue, Solid, Svelte, Angular): no TanStack
 * import anywhere, the shapes are matched structurally. `retry` is declared (never set): TanStack
 * infers a query's error type from it, so `useQuery(listPetsQueryOptions())` types `error` as the
 * operation's errors (`SafeError<E>`) instead of `Error`.
 */

/** `[api, operationId, input]`: serialisable, stable (TanStack hashes it with sorted keys), a prefix of every key of that operation. */
export type OperationQueryKey<A extends string, N extends string, I> = readonly [api: A, operation: N, input: I]

/** The infinite query's key: the query key with `'infinite'` appended, so the two never share a cache entry. */
export type OperationInfiniteQueryKey<A extends string, N extends string, I> = readonly [api: A, operation: N, input: I, kind: 'infinite']

/** Whether the input may be left out follows the operation. */
export type QueryKeyArgs<I> = {} extends I ? [input?: I] : [input: I]

/** What TanStack's `retry` accepts, typed with the operation's error so TanStack infers it. */
export type TypedRetry<TError> = boolean | number | ((failureCount: number, error: TError) => boolean)

export interface OperationQueryOptions<D, E extends ErrorResponse, K> {
  queryKey: K
  /** Calls the operation with TanStack's `signal` (merged with the call options' own). */
  queryFn: (context: { signal: AbortSignal }) => Promise<D>
  /** Type only, never set (see above). */
  retry?: TypedRetry<SafeError<E>>
}

export interface OperationMutationOptions<I, D, E extends ErrorResponse, K> {
  mutationKey: K
  mutationFn: (input: {} extends I ? I | void : I) => Promise<D>
  /** Type only, never set (see above). */
  retry?: TypedRetry<SafeError<E>>
}

/** One page of an infinite query: plain data (TanStack may persist or share it). */
export interface InfinitePage<T, D> {
  items: T[]
  data: D
  /** The next page's parameter; undefined on the last page. */
  next: PageParam | undefined
}

export interface OperationInfiniteQueryOptions<T, D, E extends ErrorResponse, K> {
  queryKey: K
  queryFn: (context: { signal: AbortSignal; pageParam: PageParam | null }) => Promise<InfinitePage<T, D>>
  /** `null`: the first page is the input as given. */
  initialPageParam: PageParam | null
  getNextPageParam: (lastPage: InfinitePage<T, D>) => PageParam | undefined
  /** Type only, never set (see above). */
  retry?: TypedRetry<SafeError<E>>
}

/** Call options of an infinite query: a call's options and, optionally, its own pagination. */
export interface InfiniteCallOptions extends RequestOptions {
  pagination?: PaginationConfig
}

// The generated `virtual:api/<name>/query` declarations: `A` is the API name, `N` the operationId, `Op` the operation.

export type QueryKeyFn<A extends string, N extends string, Op> =
  Op extends Operation<infer I, infer _D, infer _E> ? (...args: QueryKeyArgs<I>) => OperationQueryKey<A, N, I> : never

export type QueryOptionsFn<A extends string, N extends string, Op> =
  Op extends Operation<infer I, infer D, infer E> ? (...args: OperationArgs<I>) => OperationQueryOptions<D, E, OperationQueryKey<A, N, I>> : never

export type MutationOptionsFn<A extends string, N extends string, Op> =
  Op extends Operation<infer I, infer D, infer E> ? (options?: RequestOptions) => OperationMutationOptions<I, D, E, readonly [api: A, operation: N]> : never

export type InfiniteQueryOptionsFn<A extends string, N extends string, Op> =
  Op extends Operation<infer I, infer D, infer E>
    ? (
        ...args: {} extends I ? [input?: I, options?: InfiniteCallOptions] : [input: I, options?: InfiniteCallOptions]
      ) => OperationInfiniteQueryOptions<PageItem<D>, D, E, OperationInfiniteQueryKey<A, N, I>>
    : never
