// A small React app on the generated client and its TanStack Query options: a list, a detail, a
// create mutation that invalidates the list, with errors and retries made visible; below it a live
// WebSocket feed from an AsyncAPI document (feed.jsx).
import { QueryClient, QueryClientProvider, useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import { useState, useSyncExternalStore } from 'react'
import { createRoot } from 'react-dom/client'
import { Feed } from './feed.jsx'
import petstore from 'virtual:api/petstore'
import { createPetsMutationOptions, listPetsQueryKey, listPetsQueryOptions, showPetByIdQueryOptions } from 'virtual:api/petstore/query'

// Retries are the client's (policy, Retry-After, budget); TanStack's own would repeat them.
const queryClient = new QueryClient({ defaultOptions: { queries: { retry: false, refetchOnWindowFocus: false }, mutations: { retry: false } } })

// Retries reported by the client's hook, shown as a list.
let retries = []
const listeners = new Set()
const retryLog = {
  subscribe: (listener) => (listeners.add(listener), () => listeners.delete(listener)),
  get: () => retries,
  set: (next) => ((retries = next), listeners.forEach((l) => l())),
}

petstore.configure({
  retry: { limit: 3, baseDelay: 150, budget: false },
  hooks: {
    onRetry: ({ operationId, attempt, reason, delay }) =>
      retryLog.set([...retries, `${operationId}: attempt ${attempt} failed (${reason}), retrying in ${Math.round(delay)} ms`]),
  },
})

function describeError(error) {
  // HttpError carries the parsed body: the mock's 400 lists what the document rejected.
  const problems = error.body?.problems?.map((p) => `${p.in} ${p.pointer || '(whole)'}: ${p.message}`) ?? []
  return [error.message, ...problems].join('\n')
}

function Detail({ petId }) {
  const pet = useQuery(showPetByIdQueryOptions({ path: { petId: String(petId) } }))
  if (pet.isPending) return <p id="detail">Loading pet #{petId}…</p>
  if (pet.error)
    return (
      <p id="detail">
        Pet #{petId}: {pet.error.message}
      </p>
    )
  return (
    <p id="detail">
      Pet #{petId}: {pet.data.name}
      {pet.data.tag ? ` (${pet.data.tag})` : ''}
    </p>
  )
}

function App() {
  const client = useQueryClient()
  const pets = useQuery(listPetsQueryOptions({ query: { limit: 20 } }))
  const [message, setMessage] = useState()
  const [error, setError] = useState('')
  const [selected, setSelected] = useState()
  const retryLines = useSyncExternalStore(retryLog.subscribe, retryLog.get)
  const create = useMutation({
    ...createPetsMutationOptions(),
    onSuccess: (pet) => {
      setMessage(`Created #${pet.id} ${pet.name}`)
      // Every listPets query (any input) is stale now: the key without input is their prefix.
      return client.invalidateQueries({ queryKey: listPetsQueryKey() })
    },
    onError: (e) => setError(describeError(e)),
  })

  const status = message ?? (pets.isFetching ? 'Loading…' : pets.error ? 'Failed' : `${pets.data.length} pets`)
  const listError = pets.error && !pets.isFetching ? describeError(pets.error) : ''

  return (
    <>
      <button type="button" id="reload" onClick={() => (retryLog.set([]), setMessage(undefined), setError(''), void pets.refetch())}>
        Reload pets
      </button>
      <button
        type="button"
        id="fail"
        onClick={async () => {
          // The dev mock's control route: the next two requests answer 503.
          await fetch('/__api/petstore/__mock/fail', { method: 'POST', body: JSON.stringify({ times: 2, status: 503 }) })
          setMessage('The next 2 requests will fail')
        }}
      >
        Make the API fail twice
      </button>
      <ul id="pets">
        {(pets.data ?? []).map((pet) => (
          <li key={pet.id}>
            <button type="button" className="pet" onClick={() => setSelected(pet.id)}>{`#${pet.id} ${pet.name}${pet.tag ? ` (${pet.tag})` : ''}`}</button>
          </li>
        ))}
      </ul>
      {selected !== undefined && <Detail petId={selected} />}
      <form
        id="create"
        onSubmit={(event) => {
          event.preventDefault()
          const form = new FormData(event.currentTarget)
          setError('')
          const body = { id: Date.now() % 1000, name: String(form.get('name')) }
          if (form.get('tag')) body.tag = String(form.get('tag'))
          create.mutate({ body })
        }}
      >
        <input name="name" placeholder="Name (empty is invalid)" />
        <input name="tag" placeholder="Tag" />
        <button type="submit">Create</button>
      </form>
      <p id="status">{status}</p>
      <ul id="retries">
        {retryLines.map((line, i) => (
          <li key={i}>{line}</li>
        ))}
      </ul>
      <p id="error" role="alert">
        {error || listError}
      </p>
    </>
  )
}

createRoot(document.getElementById('app')).render(
  <QueryClientProvider client={queryClient}>
    <App />
  </QueryClientProvider>,
)

createRoot(document.getElementById('feed-app')).render(<Feed />)
