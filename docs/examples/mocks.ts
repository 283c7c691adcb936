import { setupServer } from 'msw/node'
import petstore, { listPets, showPetById } from 'virtual:api/petstore'
import handlers, { responder } from 'virtual:api/petstore/mocks'

// msw 2 handlers generated from the document: answers come from its examples, else are sampled
// (deterministically) from its schemas; requests that break the document get a 400 naming why.
export async function main() {
  const server = setupServer(...handlers) // served at the document's first server URL
  server.listen({ onUnhandledRequest: 'error' })
  try {
    petstore.configure({ retry: false })
    const pets = await listPets()
    const pet = await showPetById({ path: { petId: '1' } })

    responder.fail(1, 503) // the next request gets a 503: try your error handling
    const failed = await listPets.safe()
    return { pets, pet, failedStatus: failed.error?.status }
  } finally {
    server.close()
  }
}
