import { afterEach, describe, expect, it } from 'vitest'
import { AbortError } from '../../../runtime/errors/transport-errors'
import { createNetworkManager, httpClient, type ManagerEvent } from '../../../runtime/manager'
import { json, startServer, type TestServer } from '../../helpers/http-server'
import { until } from './helpers'

type Server = Awaited<ReturnType<typeof startServer>>
const servers: TestServer[] = []
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => s.close()))
})

async function server(): Promise<Server> {
  const s = await startServer(async (req, res) => {
    if (req.url === '/stall') return new Promise(() => {})
    if (req.url === '/empty') return void res.writeHead(204).end()
    if (req.url === '/stream') {
      res.writeHead(200, { 'content-type': 'application/octet-stream' })
      res.write('first chunk')
      return new Promise((resolve) => res.on('close', resolve))
    }
    json(res, 200, { ok: true })
  })
  servers.push(s)
  return s
}

describe('requests through the manager', () => {
  it("a caller's abort is the caller's: an AbortError, no breaker verdict, counted as abort", async () => {
    const s = await server()
    const events: ManagerEvent[] = []
    const manager = createNetworkManager({ defaults: { baseUrl: s.url }, policy: { breaker: { minimumThroughput: 1 } }, clients: { a: httpClient() } })
    manager.subscribe((e) => events.push(e))
    const controller = new AbortController()
    const call = manager.get('a').get('/stall', { signal: controller.signal })
    await until(() => s.requests.length === 1)
    controller.abort()
    await expect(call).rejects.toBeInstanceOf(AbortError)
    expect(manager.metrics().origins[s.url]).toMatchObject({ breaker: 'closed', errors: { abort: 1 } })
    // Already aborted before it starts: never sent.
    await expect(manager.get('a').get('/ok', { signal: controller.signal })).rejects.toBeInstanceOf(AbortError)
    expect(s.requests).toHaveLength(1)
    expect(events.filter((e) => e.type === 'attempt:end').map((e) => e.type === 'attempt:end' && e.errorType)).toEqual(['abort'])
    await manager.closeAll()
  })

  it('HEAD and 204 responses (no body) pass through', async () => {
    const s = await server()
    const manager = createNetworkManager({ defaults: { baseUrl: s.url }, clients: { a: httpClient() } })
    await expect(manager.get('a').head('/ok')).resolves.toBeUndefined()
    await expect(manager.get('a').get('/empty')).resolves.toBeUndefined()
    expect(manager.metrics().clients.a).toMatchObject({ requests: 2, errors: {} })
    await manager.closeAll()
  })

  it('a streamed body keeps its url and status; cancelling it hangs up the connection', async () => {
    const s = await server()
    let hungUp = false
    s.server.on('connection', (socket) => socket.on('close', () => (hungUp = true)))
    const manager = createNetworkManager({ defaults: { baseUrl: s.url }, clients: { a: httpClient() } })
    const { data, response } = await manager.get('a').send<ReadableStream<Uint8Array>>({ method: 'GET', url: '/stream', responseType: 'stream' })
    expect(response.url).toBe(`${s.url}/stream`)
    expect([response.status, response.redirected, response.type]).toEqual([200, false, 'basic'])
    const reader = data.getReader()
    expect(new TextDecoder().decode((await reader.read()).value)).toBe('first chunk')
    await reader.cancel()
    await until(() => hungUp)
    await manager.closeAll()
  })

  it('closeAll() aborts a stream a call has returned, and the connection is hung up', async () => {
    const s = await server()
    let hungUp = false
    s.server.on('connection', (socket) => socket.on('close', () => (hungUp = true)))
    const manager = createNetworkManager({ defaults: { baseUrl: s.url }, clients: { a: httpClient() } })
    const stream = await manager.get('a').get<ReadableStream<Uint8Array>>('/stream', { responseType: 'stream' })
    const reader = stream.getReader()
    expect(new TextDecoder().decode((await reader.read()).value)).toBe('first chunk')
    await manager.closeAll()
    await expect(reader.read()).rejects.toMatchObject({ code: 'ERR_MANAGER_CLOSED' })
    await until(() => hungUp)
  })

  it("a client's own fetch is used, under the manager's limits", async () => {
    const s = await server()
    const seen: string[] = []
    const manager = createNetworkManager({
      defaults: { baseUrl: s.url },
      clients: {
        a: httpClient({
          fetch: (input, init) => {
            seen.push(new Headers(init?.headers).has('x-codomyrmex-attempt') ? 'leaked' : String(input))
            return fetch(input, init)
          },
        }),
      },
    })
    await manager.get('a').get('/ok')
    expect(seen).toEqual([`${s.url}/ok`])
    expect(manager.metrics().clients.a!.requests).toBe(1)
    await manager.closeAll()
  })
})
