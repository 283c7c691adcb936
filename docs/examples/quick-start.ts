import petstore, { listPets, showPetById } from 'virtual:api/petstore'

export async function main(baseUrl: string) {
  petstore.configure({ baseUrl, auth: { bearerAuth: 'my-token' } })
  const pets = await listPets({ query: { limit: 10 } }) // typed as Pet[]
  const first = await showPetById({ path: { petId: String(pets[0]?.id) } })
  const missing = await showPetById.safe({ path: { petId: '9999' } }) // never throws
  return { count: pets.length, first: first.name, missing: missing.error?.status }
}
