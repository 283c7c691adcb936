// The scraper example: a Node script that reads a whole API through the generated client.
// `npm start` bundles it with esbuild + @codomyrmex/networking/esbuild and runs it against a
// local petstore on 127.0.0.1 (see scripts/start.mjs). Nothing here touches the network beyond it.
import petstore, { createPets, listPets, showPetById } from 'virtual:api/petstore'

const baseUrl = process.env.PETSTORE_URL
if (!baseUrl) throw new Error('set PETSTORE_URL (npm start does it for you)')

petstore.configure({ baseUrl, timeout: 5_000, retry: { limit: 2 } })

const listed = await listPets({ query: { limit: 100 } })
console.log(`listed ${listed.length} pets`)

// Details, a few at a time.
const details = []
for (let i = 0; i < listed.length; i += 4) {
  details.push(...(await Promise.all(listed.slice(i, i + 4).map((pet) => showPetById({ path: { petId: String(pet.id) } })))))
}
for (const pet of details) console.log(`  #${pet.id} ${pet.name}${pet.tag ? ` (${pet.tag})` : ''}`)

await createPets({ body: { id: 100, name: 'Scraped' } })
console.log('created pet #100')

// Documented errors come back typed and without throwing from .safe().
const missing = await showPetById.safe({ path: { petId: '9999' } })
console.log(`pet #9999: ${missing.error ? `HTTP ${missing.error.status}` : 'found'}`)
