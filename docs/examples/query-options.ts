import { MutationObserver, QueryClient } from '@tanstack/react-query'
import petstore from 'virtual:api/petstore'
import { createPetsMutationOptions, listPetsQueryKey, listPetsQueryOptions, showPetByIdQueryOptions } from 'virtual:api/petstore/query'

export async function main(baseUrl: string) {
  petstore.configure({ baseUrl }) // the query module calls the API module's own operations
  // The client retries per its policy; TanStack's own retries would repeat them.
  const client = new QueryClient({ defaultOptions: { queries: { retry: false } } })

  // In a component: useQuery(listPetsQueryOptions({ query: { limit: 2 } })), data and error typed.
  const pets = await client.fetchQuery(listPetsQueryOptions({ query: { limit: 2 } }))

  // Errors are the operation's: narrow by status for the documented body.
  let missing: string | undefined
  try {
    await client.fetchQuery(showPetByIdQueryOptions({ path: { petId: '9999' } }))
  } catch (error) {
    const e = error as Awaited<ReturnType<typeof petstore.showPetById.safe>>['error']
    if (e?.status !== undefined) missing = e.body.message
  }

  // useMutation({ ...createPetsMutationOptions(), onSuccess: () => invalidate }) in React.
  await new MutationObserver(client, createPetsMutationOptions()).mutate({ body: { id: 7, name: 'Nova' } })
  // The key without input is a prefix of every listPets query: all of them are refetched.
  await client.invalidateQueries({ queryKey: listPetsQueryKey() })

  return { names: pets.map((p) => p.name), missing, key: listPetsQueryKey({ query: { limit: 2 } }) }
}
