import petstore, { createPets, listPets, showPetById, type Pet } from 'virtual:api/petstore'
import { NetworkingError, NotFoundError } from '@codomyrmex/networking/runtime'

export async function main(baseUrl: string) {
  // The module's default client, used by the named exports; configure() merges options into it.
  petstore.configure({ baseUrl, timeout: 5_000, auth: { bearerAuth: () => 'fresh-token' } })

  const pets: Pet[] = await listPets({ query: { limit: 5 } })
  await createPets({ body: { id: 42, name: 'Nim' } }) // the body type comes from the document

  // Operations are grouped by tag on the default export, too.
  const same = await petstore.pets.showPetById({ path: { petId: '1' } })

  // Errors throw typed classes...
  let notFound = false
  try {
    await showPetById({ path: { petId: '9999' } })
  } catch (error) {
    notFound = error instanceof NotFoundError && error.status === 404
  }

  // ...or .safe() returns them, with the documented error body typed by status.
  const result = await showPetById.safe({ path: { petId: '9999' } })
  const message = result.error?.body?.message

  // An independent client (own base URL, credentials, retries) with the same operations.
  const admin = petstore.createClient({ baseUrl, auth: { apiKey: 'admin-key' }, retry: false })
  const adminPets = await admin.listPets()

  return { count: pets.length, same: same.name, notFound, message, adminCount: adminPets.length, isBase: result.error instanceof NetworkingError }
}
