import { json, startServer, type TestServer } from './http-server'

/** The petstore the fixture app talks to: a real server on 127.0.0.1, port from the OS. */
export function startPetstore(): Promise<TestServer> {
  const pets = [
    { id: 1, name: 'Ada' },
    { id: 2, name: 'Brutus' },
    { id: 3, name: 'Cleo' },
  ]
  return startServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1')
    if (url.pathname === '/pets' && req.method === 'GET') {
      return json(res, 200, pets.slice(0, Number(url.searchParams.get('limit') ?? pets.length)))
    }
    if (url.pathname === '/pets' && req.method === 'POST') {
      return res.writeHead(201).end()
    }
    const match = /^\/pets\/([^/]+)$/.exec(url.pathname)
    if (match && req.method === 'GET') {
      const id = decodeURIComponent(match[1] as string)
      if (id === '404') return json(res, 404, { code: 404, message: 'no such pet' })
      return json(res, 200, { id: 7, name: `pet ${id}` })
    }
    return json(res, 500, { code: 500, message: `unexpected ${req.method} ${req.url}` })
  })
}

/** What `run()` of test/fixtures/petstore-app/main.js returns against `startPetstore()`. */
export const EXPECTED_RUN = {
  pets: [
    { id: 1, name: 'Ada' },
    { id: 2, name: 'Brutus' },
  ],
  pet: { id: 7, name: 'pet p 7' },
  created: null,
  missingStatus: 404,
  viaTag: [
    { id: 1, name: 'Ada' },
    { id: 2, name: 'Brutus' },
    { id: 3, name: 'Cleo' },
  ],
}
