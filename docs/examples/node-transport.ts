import { createNodeFetch } from '@codomyrmex/networking/node'
import { createHttpClient } from '@codomyrmex/networking/runtime'

interface Pet {
  id: number
  name: string
}

export async function main(baseUrl: string) {
  // Node only: undici's `request` under the same client (retries, timeouts, redirects, limits).
  // One per process, so connections are pooled and kept alive across clients and calls.
  const fetch = createNodeFetch({ connections: 16 })
  const http = createHttpClient({ baseUrl, fetch, timeout: 5_000 })
  try {
    const pets = await http.get<Pet[]>('/pets', { query: { limit: 2 } })
    const { response } = await http.send<Pet>({ method: 'GET', url: '/pets/1' })
    return { names: pets.map((p) => p.name), status: response.status }
  } finally {
    await fetch.close()
  }
}
