// A small app on the generated client: list, create, errors and retries made visible.
import petstore, { createPets, listPets } from 'virtual:api/petstore'

const $ = (id) => document.getElementById(id)

petstore.configure({
  retry: { limit: 3, baseDelay: 150, budget: false },
  hooks: {
    onRetry: ({ operationId, attempt, reason, delay }) => {
      const item = document.createElement('li')
      item.textContent = `${operationId}: attempt ${attempt} failed (${reason}), retrying in ${Math.round(delay)} ms`
      $('retries').append(item)
    },
  },
})

function showError(error) {
  // HttpError carries the parsed body: the mock's 400 lists what the document rejected.
  const problems = error.body?.problems?.map((p) => `${p.in} ${p.pointer || '(whole)'}: ${p.message}`) ?? []
  $('error').textContent = [error.message, ...problems].join('\n')
}

async function reload() {
  $('error').textContent = ''
  $('status').textContent = 'Loading…'
  try {
    const pets = await listPets({ query: { limit: 20 } })
    $('pets').replaceChildren(...pets.map((pet) => Object.assign(document.createElement('li'), { textContent: `#${pet.id} ${pet.name}${pet.tag ? ` (${pet.tag})` : ''}` })))
    $('status').textContent = `${pets.length} pets`
  } catch (error) {
    $('status').textContent = 'Failed'
    showError(error)
  }
}

$('reload').addEventListener('click', () => {
  $('retries').replaceChildren()
  void reload()
})

// The dev mock's control route: the next two requests answer 503.
$('fail').addEventListener('click', async () => {
  await fetch('/__api/petstore/__mock/fail', { method: 'POST', body: JSON.stringify({ times: 2, status: 503 }) })
  $('status').textContent = 'The next 2 requests will fail'
})

$('create').addEventListener('submit', async (event) => {
  event.preventDefault()
  const form = new FormData(event.target)
  $('error').textContent = ''
  const body = { id: Date.now() % 1000, name: String(form.get('name')) }
  if (form.get('tag')) body.tag = String(form.get('tag'))
  const result = await createPets.safe({ body })
  if (result.error) return showError(result.error)
  $('status').textContent = `Created #${result.data.id} ${result.data.name}`
})

void reload()
