import { useInfiniteQuery, useMutation, useQuery } from '@tanstack/react-query'
import { describe, expectTypeOf, it } from 'vitest'
import type { ErrorResponse, Operation } from '../../../runtime/index'
import type { InfiniteQueryOptionsFn, SafeError, MutationOptionsFn, QueryKeyFn, QueryOptionsFn } from '../../../runtime/internal'
import { paginate } from '../../../runtime/index'

// Operations typed as generated declarations type them (see src/codegen/declarations.ts).
interface Pet {
  id: number
  name: string
}
type NotFound = ErrorResponse<404, { message: string }>
type Invalid = ErrorResponse<422, { problems: string[] }>
declare const listPets: Operation<
  { query?: { limit?: number; cursor?: string } },
  { items: Pet[]; next?: string | null },
  ErrorResponse<'default', { code: number }>
>
declare const showPetById: Operation<{ path: { petId: number } }, Pet, NotFound>
declare const createPet: Operation<{ body: Pet }, Pet, Invalid | NotFound>

declare const listPetsQueryOptions: QueryOptionsFn<'shop', 'listPets', typeof listPets>
declare const listPetsQueryKey: QueryKeyFn<'shop', 'listPets', typeof listPets>
declare const listPetsInfiniteQueryOptions: InfiniteQueryOptionsFn<'shop', 'listPets', typeof listPets>
declare const showPetByIdQueryOptions: QueryOptionsFn<'shop', 'showPetById', typeof showPetById>
declare const createPetMutationOptions: MutationOptionsFn<'shop', 'createPet', typeof createPet>

describe('query option types with TanStack Query', () => {
  it("infer data and the operation's error union in useQuery", () => {
    const pet = useQuery(showPetByIdQueryOptions({ path: { petId: 1 } }))
    expectTypeOf(pet.data).toEqualTypeOf<Pet | undefined>()
    expectTypeOf(pet.error).toEqualTypeOf<SafeError<NotFound> | null>()
    const error = pet.error
    if (error?.status === 404) expectTypeOf(error.body).toEqualTypeOf<{ message: string }>()
    const list = useQuery(listPetsQueryOptions())
    expectTypeOf(list.data).toEqualTypeOf<{ items: Pet[]; next?: string | null } | undefined>()
    if (list.error && list.error.status !== undefined) expectTypeOf(list.error.status).toEqualTypeOf<number>()
  })

  it('keys hold the API, the operation and the input', () => {
    expectTypeOf(listPetsQueryKey).parameters.toEqualTypeOf<[input?: { query?: { limit?: number; cursor?: string } }]>()
    expectTypeOf(listPetsQueryKey()).toEqualTypeOf<readonly [api: 'shop', operation: 'listPets', input: { query?: { limit?: number; cursor?: string } }]>()
  })

  it('mutations take the input as variables and narrow errors by status', () => {
    const create = useMutation(createPetMutationOptions())
    expectTypeOf(create.mutate).parameter(0).toEqualTypeOf<{ body: Pet }>()
    const error = create.error
    if (error?.status === 422) expectTypeOf(error.body).toEqualTypeOf<{ problems: string[] }>()
    if (error?.status === 404) expectTypeOf(error.body).toEqualTypeOf<{ message: string }>()
  })

  it('infinite queries page over the items', () => {
    const pages = useInfiniteQuery(listPetsInfiniteQueryOptions({ query: { limit: 10 } }))
    expectTypeOf(pages.data?.pages[0]?.items).toEqualTypeOf<Pet[] | undefined>()
  })

  it('paginate yields the items of the body', () => {
    expectTypeOf(paginate(listPets)[Symbol.asyncIterator]().next()).resolves.toMatchTypeOf<IteratorResult<Pet>>()
  })

  it('rejects wrong inputs', () => {
    // @ts-expect-error petId is a number
    showPetByIdQueryOptions({ path: { petId: '1' } })
    // @ts-expect-error the path is required
    showPetByIdQueryOptions()
    // @ts-expect-error paginate needs the required input too
    paginate(showPetById)
  })
})
