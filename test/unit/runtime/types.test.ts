import { describe, expectTypeOf, test } from 'vitest'
import type { ErrorResponse, Operation } from '../../../runtime/index'
import type { SafeResult } from '../../../runtime/internal'

// Compile-time checks of what users see in the editor (run by `npm run typecheck`); the runtime
// assertions below only keep vitest from reporting an empty file.
type Pet = { id: number; name: string }
type ListPets = Operation<{ query?: { limit?: number } }, Pet[], ErrorResponse<404, { message: string }> | ErrorResponse<'default', { code: number }>>
type ShowPet = Operation<{ path: { petId: string } }, Pet>

describe('generated operation types', () => {
  test('optional input may be omitted, required input may not', () => {
    expectTypeOf<Parameters<ListPets>>().toEqualTypeOf<[input?: { query?: { limit?: number } }, options?: import('../../../runtime/index').RequestOptions]>()
    expectTypeOf<Parameters<ShowPet>[0]>().toEqualTypeOf<{ path: { petId: string } }>()
    expectTypeOf<ReturnType<ShowPet>>().toEqualTypeOf<Promise<Pet>>()
  })

  test('.safe() narrows the error body by a documented status', () => {
    type R = SafeResult<Pet[], ErrorResponse<404, { message: string }> | ErrorResponse<409, { code: number }>>
    const check = (r: R): string | number | undefined => {
      if (r.error === undefined) {
        expectTypeOf(r.data).toEqualTypeOf<Pet[]>()
        return r.data.length
      }
      if (r.error.status === 404) {
        expectTypeOf(r.error.body).toEqualTypeOf<{ message: string }>()
        return r.error.body.message
      }
      if (r.error.status === 409) return r.error.body.code
      expectTypeOf(r.error.status).toEqualTypeOf<undefined>() // network, timeout, parse...
      return r.error.code
    }
    expectTypeOf(check).toBeFunction()
  })

  test('with a default response the body is the union (TypeScript cannot subtract 404 from number)', () => {
    type R = SafeResult<Pet[], ErrorResponse<404, { message: string }> | ErrorResponse<'default', { code: number }>>
    const check = (r: R): void => {
      if (r.error?.status === 404) expectTypeOf(r.error.body).toEqualTypeOf<{ message: string } | { code: number }>()
    }
    expectTypeOf(check).toBeFunction()
  })
})
