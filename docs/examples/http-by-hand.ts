import { createHttpClient, HttpError, NotFoundError } from '@codomyrmex/networking/runtime'

interface Pet {
  id: number
  name: string
}

export async function main(baseUrl: string) {
  const http = createHttpClient({ baseUrl, timeout: 5_000, headers: { 'user-agent': 'docs-example' } })

  const pets = await http.get<Pet[]>('/pets', { query: { limit: 2 } })
  await http.post('/pets', { id: 7, name: 'Fig' }) // a plain object goes out as JSON

  // The full exchange: parsed data, the Response and how many attempts it took.
  const { data, response, attempts } = await http.send<Pet>({ method: 'GET', url: '/pets/1' })

  try {
    await http.get('/pets/9999')
  } catch (error) {
    if (!(error instanceof NotFoundError)) throw error
    // "GET http://127.0.0.1:…/pets/9999: failed with HTTP 404 Not Found"; body parsed and bounded
    console.log(error.message, error.code, error.body)
  }
  return { names: pets.map((p) => p.name), one: data.name, status: response.status, attempts, isHttpError: NotFoundError.prototype instanceof HttpError }
}
