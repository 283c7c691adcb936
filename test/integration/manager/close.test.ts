import type { Socket } from 'node:net'
import { afterEach, describe, expect, it } from 'vitest'
import { createApi } from '../../../runtime/api/create-api'
import { apiClient, createNetworkManager, httpClient, ManagerClosedError, rateLimiting, webSocketClient, type ManagerEvent } from '../../../runtime/manager'
import { ownsAttemptTimeout } from '../../../runtime/http/transport'
import { json, startServer, type TestServer } from '../../helpers/http-server'
import { startServer as startWsServer, type TestServer as WsServer } from '../../helpers/ws-servers'
import { until } from './helpers'

const closers: (() => Promise<void>)[] = []
afterEach(async () => {
  await Promise.all(closers.splice(0).map((c) => c()))
})

/** Client-side sockets still open towards one of these ports. */
function openSocketsTo(ports: number[]): Socket[] {
  const handles = (process as unknown as { _getActiveHandles(): unknown[] })._getActiveHandles()
  return handles.filter((h): h is Socket => {
    const s = h as Socket
    return typeof s?.remotePort === 'number' && ports.includes(s.remotePort) && !s.destroyed
  })
}

/** A server that never answers /stall, sends half a body on /half, and answers the rest. */
async function stallServer(): Promise<TestServer & { connections: number; hungUp: number }> {
  const server = await startServer(async (req, res) => {
    if (req.url === '/stall') return new Promise(() => {})
    if (req.url === '/half') {
      res.writeHead(200, { 'content-type': 'application/json', 'content-length': '100' })
      res.write('{"partial":')
      return new Promise(() => {})
    }
    json(res, 200, {})
  })
  closers.push(server.close)
  // The HTTP server keeps a half-closed socket while a response is pending, so count the hang-ups it sees.
  const counts = Object.assign(server, { connections: 0, hungUp: 0 })
  server.server.on('connection', (socket: Socket) => {
    counts.connections++
    let seen = false
    const hangUp = (): void => {
      if (!seen) counts.hungUp++
      seen = true
    }
    socket.on('end', hangUp)
    socket.on('close', hangUp)
  })
  return counts
}

describe('closeAll()', () => {
  it('aborts requests in flight, mid-body and queued, closes sockets, and leaves no open handle', async () => {
    const server = await stallServer()
    const ws: WsServer = await startWsServer('ws')
    closers.push(ws.close)
    const timersBefore = process.getActiveResourcesInfo().filter((r) => r === 'Timeout').length
    const events: ManagerEvent[] = []
    const manager = createNetworkManager({
      defaults: { baseUrl: server.url },
      origins: { [server.url]: { maxConcurrent: 2 } },
      clients: {
        api: httpClient(),
        slow: httpClient({ baseUrl: `http://localhost:${server.port}` }),
        feed: webSocketClient<string>(ws.url('/echo')),
      },
    })
    manager.subscribe((e) => events.push(e))
    const feed = manager.get('feed')
    await feed.connect()
    expect(feed.state).toBe('open')

    const api = manager.get('api')
    const inFlight = api.get('/stall').catch((e: unknown) => e)
    const postInFlight = api.post('/stall', { x: 1 }).catch((e: unknown) => e)
    const queued = api.get('/stall').catch((e: unknown) => e)
    // localhost is another origin (no concurrency limit): its response stops half-way through the body.
    const midBody = manager
      .get('slow')
      .get('/half')
      .catch((e: unknown) => e)
    await until(() => server.requests.length === 3 && manager.metrics().origins[server.url]?.queued === 1)
    // /half's headers have arrived: its body is being read.
    await until(() => events.some((e) => e.type === 'attempt:end' && e.url.endsWith('/half')))
    expect(server.connections).toBe(3)
    expect(openSocketsTo([server.port])).toHaveLength(3)
    expect(openSocketsTo([ws.port])).toHaveLength(1)

    // The clients' attempt timers are running now; they must be gone after closeAll(). (The Node
    // transport makes none: undici's timers and its own are unref'd, so not counted here.)
    if (!ownsAttemptTimeout(globalThis.fetch)) expect(process.getActiveResourcesInfo().filter((r) => r === 'Timeout').length).toBeGreaterThan(timersBefore)
    const closing = manager.closeAll()
    expect(manager.closeAll()).toBe(closing)
    await closing
    expect(manager.closed).toBe(true)

    for (const [result, what] of [
      [await inFlight, `client "api" GET ${server.url}/stall`],
      [await postInFlight, `client "api" POST ${server.url}/stall`],
      [await queued, `client "api" GET ${server.url}/stall`],
      [await midBody, `client "slow" GET http://localhost:${server.port}/half: aborted by closeAll()`],
    ] as const) {
      expect(result).toBeInstanceOf(ManagerClosedError)
      expect(result).toMatchObject({ name: 'AbortError', code: 'ERR_MANAGER_CLOSED' })
      expect((result as Error).message, (result as Error).message).toContain(what)
    }
    expect(server.requests).toHaveLength(3)
    expect(feed.state).toBe('closed')
    // The three connections that carried requests hung up (undici may open a spare one after an
    // abort: fetch's leaves it open, the Node transport's drops it too, so count at least three).
    await until(() => server.hungUp >= 3)
    expect(openSocketsTo([server.port, ws.port])).toEqual([])
    // No timer left behind either (attempt timeouts, backoff sleeps, heartbeats).
    expect(process.getActiveResourcesInfo().filter((r) => r === 'Timeout').length).toBeLessThanOrEqual(timersBefore)
    expect(events.at(-1)).toMatchObject({ type: 'close' })
    expect(events.some((e) => e.type === 'socket' && e.client === 'feed' && e.state === 'closed')).toBe(true)
    expect(manager.metrics().clients.api!.errors).toEqual({ closed: 3 })
  })

  it('rejects a request waiting for a rate-limit token, and everything after', async () => {
    const server = await stallServer()
    const manager = createNetworkManager({
      defaults: { baseUrl: server.url },
      // One token per 100 s: "at once" below is then far from the wait it cuts, even on a loaded machine.
      features: [rateLimiting],
      policy: { rateLimit: { rate: 0.01, burst: 1 } },
      clients: { api: httpClient() },
    })
    const api = manager.get('api')
    await api.get('/ok')
    const waiting = api.get('/ok').catch((e: unknown) => e)
    await until(() => true)
    const started = Date.now()
    await manager.closeAll()
    expect(await waiting).toBeInstanceOf(ManagerClosedError)
    expect(Date.now() - started).toBeLessThan(10_000)
    expect(server.requests).toHaveLength(1)
    await expect(api.get('/ok')).rejects.toMatchObject({
      code: 'ERR_MANAGER_CLOSED',
      message: expect.stringContaining(`client "api" GET ${server.url}/ok: aborted by closeAll()`),
    })
    expect(() => manager.get('api')).not.toThrow() // an existing client is returned
    expect(server.requests).toHaveLength(1)
  })

  it('ends calls waiting between retries at once, for hand-made and generated clients', async () => {
    // Every answer asks for a 10 s wait before the retry.
    const server = await startServer((_req, res) => json(res, 503, {}, { 'retry-after': '10' }))
    closers.push(server.close)
    const petsApi = createApi({ name: 'pets' })
    const tree = { group: { listPets: petsApi.operation({ id: 'listPets', method: 'GET', path: '/pets' }) } }
    const manager = createNetworkManager({
      defaults: { baseUrl: server.url, retry: { budget: false } },
      policy: { breaker: false },
      clients: { rest: httpClient(), pets: apiClient((o) => petsApi.createClient(o ?? {}, tree)) },
    })
    const timersBefore = process.getActiveResourcesInfo().filter((r) => r === 'Timeout').length
    const caller = new AbortController()
    const calls = [
      manager.get('rest').get('/a'),
      manager.get('rest').post('/b', { x: 1 }, { idempotent: true, signal: caller.signal }),
      manager.get('pets').group.listPets(),
    ].map((p) => p.catch((e: unknown) => e))
    const safe = manager.get('pets').group.listPets.safe()
    await until(() => server.requests.length === 4)
    const started = Date.now()
    await manager.closeAll()
    const results = await Promise.all(calls)
    expect(Date.now() - started).toBeLessThan(5_000) // half the 10 s wait: room for a loaded machine
    expect(results.map((r) => (r as Error).message)).toEqual([
      `Network manager closed: client "rest" GET ${server.url}/a: aborted by closeAll()`,
      `Network manager closed: client "rest" POST ${server.url}/b: aborted by closeAll()`,
      `Network manager closed: client "pets" GET ${server.url}/pets: aborted by closeAll()`,
    ])
    expect(results.every((r) => r instanceof ManagerClosedError)).toBe(true)
    expect((await safe).error).toMatchObject({ name: 'AbortError' })
    expect(server.requests).toHaveLength(4)
    expect(process.getActiveResourcesInfo().filter((r) => r === 'Timeout').length).toBeLessThanOrEqual(timersBefore)
    expect(caller.signal.aborted).toBe(false)
  })

  it('refuses to create a client after closeAll and reports close failures together', async () => {
    const manager = createNetworkManager({
      clients: {
        a: httpClient(),
        broken: { kind: { kind: 'broken', create: () => ({}), close: () => Promise.reject(new Error('stuck')) }, config: {} },
      },
    })
    manager.get('broken')
    await expect(manager.closeAll()).rejects.toThrow('1 client(s) failed to close')
    expect(() => manager.get('a')).toThrow(ManagerClosedError)
    expect(() => manager.get('a')).toThrow('client "a" cannot be created after closeAll()')
  })
})
