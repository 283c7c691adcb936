import { describe, expect, it } from 'vitest'
import { createApi } from '../../../runtime/api/create-api'
import { HttpError } from '../../../runtime/errors/http-error'
import {
  createNetworkManager,
  apiClient,
  httpClient,
  defineClient,
  UnknownClientError,
  ManagerClosedError,
  EnvironmentError,
  type ClientKind,
  type ManagerEvent,
} from '../../../runtime/manager'
import { ATTEMPT_HEADER } from '../../../runtime/manager/attempt-header'
import { json, serversClosedAfterEach } from '../../helpers/http-server'

const start = serversClosedAfterEach()

describe('network manager: named clients', () => {
  it('builds hand-made and generated clients with shared defaults and per-client overrides', async () => {
    const server = await start((req, res) => json(res, 200, { path: req.url, h: req.headers }))
    const petsApi = createApi({ name: 'pets' })
    const tree = { listPets: petsApi.operation<{}, { path: string; h: Record<string, string> }>({ id: 'listPets', method: 'GET', path: '/pets' }) }
    const manager = createNetworkManager({
      environment: 'test',
      defaults: { headers: { 'x-team': 'core', 'x-shared': 'default' }, baseUrl: { test: server.url, production: 'https://prod.invalid' } },
      clients: {
        plain: httpClient({ headers: { 'x-shared': 'plain' } }),
        pets: apiClient((options) => petsApi.createClient(options ?? {}, tree), { baseUrl: { test: `${server.url}/v2`, production: 'https://pets.invalid' } }),
      },
    })
    const plain = await manager.get('plain').get<{ path: string; h: Record<string, string> }>('/hello')
    expect(plain.path).toBe('/hello')
    expect(plain.h['x-team']).toBe('core')
    expect(plain.h['x-shared']).toBe('plain')
    const pets = await manager.get('pets').listPets()
    expect(pets.path).toBe('/v2/pets')
    expect(pets.h['x-shared']).toBe('default')
    expect(manager.get('plain')).toBe(manager.get('plain'))
    // Both went through the manager's fetch.
    expect(manager.metrics().clients).toMatchObject({ plain: { kind: 'http', requests: 1 }, pets: { kind: 'api', requests: 1 } })
    expect(manager.names).toEqual(['plain', 'pets'])
    // The private attempt header never leaves the process.
    expect(server.requests.every((r) => r.headers[ATTEMPT_HEADER] === undefined)).toBe(true)
    await manager.closeAll()
  })

  it('accepts a generated module object (with createClient) and credentials from the defaults', async () => {
    const server = await start((req, res) => json(res, 200, { auth: req.headers.authorization ?? null }))
    const secured = createApi<'bearer'>({
      name: 'secured',
      securitySchemes: { bearer: { type: 'http', scheme: 'bearer' } },
      security: [{ bearer: [] }],
    })
    const tree = { me: secured.operation<{}, { auth: string | null }>({ id: 'me', method: 'GET', path: '/me' }) }
    const module = { createClient: (options?: Parameters<typeof secured.createClient>[0]) => secured.createClient(options ?? {}, tree) }
    const manager = createNetworkManager({
      defaults: { credentials: { bearer: 'shared-token' } },
      clients: { secured: apiClient(module, { baseUrl: server.url }) },
    })
    expect(await manager.get('secured').me()).toEqual({ auth: 'Bearer shared-token' })
    await manager.closeAll()
  })

  it('names an unknown client and a missing environment', async () => {
    const manager = createNetworkManager({ clients: { a: httpClient({ baseUrl: { prod: 'https://x.invalid' } }) } })
    expect(() => (manager as unknown as { get(n: string): unknown }).get('nope')).toThrow(UnknownClientError)
    expect(() => (manager as unknown as { get(n: string): unknown }).get('nope')).toThrow('no client named "nope" (known: a)')
    expect(() => manager.get('a')).toThrow(EnvironmentError)
    await manager.closeAll()
  })

  it('reports attempts, retries, errors by class and latency per client and origin', async () => {
    // Answers after 5 ms: the manager's clock counts whole milliseconds, and on a quiet machine a
    // loopback answer takes less than one, so a latency of 0 would be a true reading.
    const server = await start((_req, res, n) => void setTimeout(() => (n === 1 ? json(res, 503, {}) : json(res, 200, { ok: true })), 5))
    const events: ManagerEvent[] = []
    const manager = createNetworkManager({
      defaults: { baseUrl: server.url, retry: { baseDelay: 1 } },
      clients: { a: httpClient(), b: httpClient() },
    })
    manager.subscribe((e) => events.push(e))
    await manager.get('a').get('/x')
    await manager.get('b').get('/y')
    const m = manager.metrics()
    expect(m.clients.a).toMatchObject({ kind: 'http', requests: 2, retries: 1, errors: { '503': 1 } })
    expect(m.clients.a!.latency.count).toBe(2)
    expect(m.clients.a!.latency.p50).toBeGreaterThan(0)
    expect(m.clients.a!.latency.p99).toBeGreaterThanOrEqual(m.clients.a!.latency.p50!)
    expect(m.clients.b).toMatchObject({ requests: 1, retries: 0, errors: {} })
    expect(m.origins[server.url]).toMatchObject({ requests: 3, retries: 1, errors: { '503': 1 }, inFlight: 0, queued: 0, breaker: 'closed' })
    expect(m.origins[server.url]!.retryBudget!.remaining).toBeGreaterThanOrEqual(0)
    const attempts = events.filter((e) => e.type === 'attempt:start')
    expect(attempts.map((e) => [e.client, e.resendCount])).toEqual([
      ['a', 0],
      ['a', 1],
      ['b', 0],
    ])
    expect(events.some((e) => e.type === 'retry' && e.client === 'a' && e.attempt === 1)).toBe(true)
    const ends = events.filter((e): e is Extract<ManagerEvent, { type: 'attempt:end' }> => e.type === 'attempt:end')
    expect(ends.map((e) => [e.status, e.errorType])).toEqual([
      [503, '503'],
      [200, undefined],
      [200, undefined],
    ])
    await manager.closeAll()
  })

  it('keeps state for at most maxOrigins origins, forgetting idle ones', async () => {
    const one = await start((_req, res) => json(res, 200, {}))
    const two = await start((_req, res) => json(res, 200, {}))
    const manager = createNetworkManager({ maxOrigins: 1, clients: { a: httpClient() } })
    await manager.get('a').get(`${one.url}/`)
    await manager.get('a').get(`${two.url}/`)
    expect(Object.keys(manager.metrics().origins)).toEqual([two.url])
    expect(manager.metrics().clients.a!.requests).toBe(2)
    await manager.closeAll()
  })

  it('a throwing listener neither breaks requests nor other listeners', async () => {
    const server = await start((_req, res) => json(res, 200, {}))
    const lines: string[] = []
    const logger = { debug: () => {}, info: () => {}, warn: (e: { message: string }) => void lines.push(e.message), error: () => {} }
    const manager = createNetworkManager({ defaults: { baseUrl: server.url, logger }, clients: { a: httpClient() } })
    let seen = 0
    manager.subscribe(() => {
      throw new Error('observer bug')
    })
    const off = manager.subscribe(() => void seen++)
    await manager.get('a').get('/')
    expect(seen).toBe(2)
    off()
    await manager.get('a').get('/')
    expect(seen).toBe(2)
    expect(lines.some((l) => l.includes('observer bug'))).toBe(true)
    await manager.closeAll()
  })

  it('keeps 4xx as HttpError from the client and counts them', async () => {
    const server = await start((_req, res) => json(res, 404, { missing: true }))
    const manager = createNetworkManager({ defaults: { baseUrl: server.url }, clients: { a: httpClient() } })
    await expect(manager.get('a').get('/nope')).rejects.toBeInstanceOf(HttpError)
    expect(manager.metrics().clients.a!.errors).toEqual({ '404': 1 })
    await manager.closeAll()
  })
})

describe('network manager: another protocol', () => {
  it('holds a client kind written outside the package, through the same limits', async () => {
    const server = await start((req, res) => json(res, 200, { data: { echo: JSON.parse(req.body).query } }))
    interface GraphQlClient {
      query(text: string): Promise<unknown>
      closed: boolean
    }
    const graphql: ClientKind<{ endpoint: string }, GraphQlClient> = {
      kind: 'graphql',
      create({ endpoint }, ctx) {
        const client: GraphQlClient = {
          closed: false,
          async query(text) {
            const res = await ctx.fetch(endpoint, { method: 'POST', body: JSON.stringify({ query: text }), headers: { 'content-type': 'application/json' } })
            return ((await res.json()) as { data: unknown }).data
          },
        }
        return client
      },
      close(client) {
        client.closed = true
      },
      describe: (client) => ({ closed: client.closed }),
    }
    const manager = createNetworkManager({ clients: { gql: defineClient(graphql, { endpoint: `${server.url}/graphql` }) } })
    const gql = manager.get('gql')
    expect(await gql.query('{ me }')).toEqual({ echo: '{ me }' })
    expect(manager.metrics().clients.gql).toMatchObject({ kind: 'graphql', requests: 1, closed: false })
    await manager.closeAll()
    expect(gql.closed).toBe(true)
    await expect(gql.query('{ me }')).rejects.toBeInstanceOf(ManagerClosedError)
    expect(manager.metrics().clients.gql!.errors).toEqual({ closed: 1 })
  })
})
