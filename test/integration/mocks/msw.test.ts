import { resolve } from 'node:path'
import { setupServer } from 'msw/node'
import { createServer, type ViteDevServer } from 'vite'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import networking from '../../../src/index'

const ROOT = resolve(__dirname, 'fixture')
const SPEC = resolve(__dirname, '../../../playground/vite-app/petstore.yaml')

type Op = ((input?: unknown) => Promise<unknown>) & { safe(input?: unknown): Promise<{ data?: unknown; error?: { status: number; body: unknown } }> }
interface Loaded {
  client: { listPets: Op; createPets: Op; showPetById: Op; configure(options: unknown): void }
  mocks: {
    handlers: Parameters<typeof setupServer>
    createHandlers(options?: { baseUrl?: string }): { handlers: Parameters<typeof setupServer>; responder: { fail(n: number, status?: number): void } }
    responder: { fail(n: number, status?: number): void }
    spec: { routes: Array<{ id: string; response: { status: number; contentType?: string; body?: unknown } }> }
  }
}

let vite: ViteDevServer
let app: Loaded
let msw: ReturnType<typeof setupServer>

beforeAll(async () => {
  // vitest's own transform pipeline, as a user's suite gets it: a Vite server in SSR mode, mode "test".
  vite = await createServer({
    root: ROOT,
    configFile: false,
    logLevel: 'silent',
    mode: 'test',
    server: { middlewareMode: true, ws: false },
    plugins: [networking.vite({ apis: { petstore: SPEC }, dts: false, cacheDir: false })],
  })
  app = (await vite.ssrLoadModule('/app.js')) as Loaded
  msw = setupServer(...app.mocks.handlers)
  msw.listen({ onUnhandledRequest: 'error' })
  app.client.configure({ retry: false })
})

afterEach(() => msw.resetHandlers())

afterAll(async () => {
  msw?.close()
  await vite?.close()
})

describe('virtual:api/<name>/mocks with msw setupServer', () => {
  it('answers the generated client from the document examples, at the document server URL', async () => {
    expect(await app.client.listPets()).toEqual([
      { id: 1, name: 'Ada', tag: 'cat' },
      { id: 2, name: 'Brutus', tag: 'dog' },
      { id: 3, name: 'Cleo' },
    ])
  })

  it('samples a valid body from the schema when the document has no example, the same every time', async () => {
    const pet = await app.client.showPetById({ path: { petId: '7' } })
    expect(pet).toEqual({ id: 0, name: 'string', tag: 'string' })
    expect(await app.client.showPetById({ path: { petId: '8' } })).toEqual(pet)
    const route = app.mocks.spec.routes.find((r) => r.id === 'createPets')
    expect(route?.response).toMatchObject({ status: 201, contentType: 'application/json' })
  })

  it('sends the documented status and content type', async () => {
    const created = await app.client.createPets.safe({ body: { id: 9, name: 'Nova' } })
    // Same schema in and out, no example: the stored pet is the one sent.
    expect(created).toMatchObject({ data: { id: 9, name: 'Nova' }, error: undefined })
    const raw = await fetch('http://petstore.swagger.io/v1/pets', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{"id":9,"name":"Nova"}',
    })
    expect(raw.status).toBe(201)
    expect(raw.headers.get('content-type')).toBe('application/json')
  })

  it('rejects a request that violates the document with a 400 naming each problem', async () => {
    const bad = await app.client.createPets.safe({ body: { id: 'nine', name: '' } as never })
    expect(bad.error?.status).toBe(400)
    expect(bad.error?.body).toMatchObject({
      operation: 'createPets',
      problems: expect.arrayContaining([
        expect.objectContaining({ in: 'body', pointer: '/id', message: 'must be integer' }),
        expect.objectContaining({ in: 'body', pointer: '/name' }),
      ]),
    })
    const query = await fetch('http://petstore.swagger.io/v1/pets?limit=500')
    expect(query.status).toBe(400)
    expect(await query.json()).toMatchObject({ problems: [{ in: 'query', pointer: '/limit', message: 'must be <= 100' }] })
    const missing = await fetch('http://petstore.swagger.io/v1/pets', { method: 'POST' })
    expect((await missing.json()).problems[0].message).toContain('a request body is required')
  })

  it('serves another base URL and injects failures, which the generated client retries', async () => {
    const mine = app.mocks.createHandlers({ baseUrl: 'http://127.0.0.1:9/api' })
    msw.use(...mine.handlers)
    const attempts: number[] = []
    const client = (app.client as unknown as { createClient(o: unknown): { listPets: Op } }).createClient({
      baseUrl: 'http://127.0.0.1:9/api',
      retry: { limit: 2, baseDelay: 1, budget: false },
      hooks: { onRetry: (ctx: { attempt: number }) => void attempts.push(ctx.attempt) },
    })
    mine.responder.fail(2, 503)
    expect(await client.listPets()).toHaveLength(3)
    expect(attempts).toEqual([1, 2])
    mine.responder.fail(1, 503)
    expect([(await fetch('http://127.0.0.1:9/api/pets')).status, (await fetch('http://127.0.0.1:9/api/pets')).status]).toEqual([503, 200])
    // Paths the document does not have fall through to msw's unhandled-request policy.
    await expect(fetch('http://127.0.0.1:9/api/nothing-here')).rejects.toThrow()
  })
})
