import { describe, expect, it } from 'vitest'
import { TimeoutError } from '../../../runtime/errors/transport-errors'
import { createNetworkManager, httpClient } from '../../../runtime/manager'
import { json, serversClosedAfterEach } from '../../helpers/http-server'
import { until } from './helpers'

const start = serversClosedAfterEach()

/** A server whose responses wait until the test releases them, one by one. */
async function held() {
  const waiting: (() => void)[] = []
  const server = await start((_req, res) => new Promise<void>((resolve) => waiting.push(() => (json(res, 200, { ok: true }), resolve()))))
  return { server, waiting, releaseOne: () => waiting.shift()?.() }
}

describe('time spent queued for a slot', () => {
  it('does not count against the per-attempt timeout: maxConcurrent 1, timeout 1000, six calls of ~300 ms all succeed', async () => {
    const server = await start((_req, res) => setTimeout(() => json(res, 200, { ok: true }), 300))
    const manager = createNetworkManager({
      defaults: { baseUrl: server.url, timeout: 1000, retry: false },
      policy: { maxConcurrent: 1 },
      clients: { api: httpClient() },
    })
    const api = manager.get('api')
    const results = await Promise.all(
      Array.from({ length: 6 }, (_, i) =>
        api.get(`/${i}`).then(
          () => 'ok',
          (e: Error) => e.message,
        ),
      ),
    )
    expect(results).toEqual(Array(6).fill('ok'))
    expect(server.requests).toHaveLength(6)
    await manager.closeAll()
  })

  it('the attempt timeout still counts once the attempt is sent', async () => {
    const h = await held()
    const manager = createNetworkManager({
      defaults: { baseUrl: h.server.url, timeout: 150, retry: false },
      policy: { maxConcurrent: 1 },
      clients: { api: httpClient() },
    })
    const error = await manager
      .get('api')
      .get('/slow')
      .catch((e: unknown) => e)
    expect(error).toBeInstanceOf(TimeoutError)
    expect((error as TimeoutError).kind).toBe('attempt')
    await manager.closeAll()
  })

  it('queueTimeout bounds the wait for a slot: a TimeoutError of kind "queue" (ERR_QUEUE_TIMEOUT); the request is never sent', async () => {
    const h = await held()
    const manager = createNetworkManager({
      defaults: { baseUrl: h.server.url, retry: false },
      policy: { maxConcurrent: 1, queueTimeout: 100 },
      clients: { api: httpClient() },
    })
    const api = manager.get('api')
    const first = api.get('/first')
    await until(() => h.server.requests.length === 1)
    const error = await api.get('/second').catch((e: unknown) => e)
    expect(error).toBeInstanceOf(TimeoutError)
    expect(error).toMatchObject({ kind: 'queue', code: 'ERR_QUEUE_TIMEOUT', ms: 100 })
    expect((error as Error).message).toMatch(/GET http:\/\/127\.0\.0\.1:\d+\/second: waited 100 ms for a slot \(queueTimeout\)/)
    h.releaseOne()
    await first
    expect(h.server.requests.map((r) => r.url)).toEqual(['/first'])
    expect(manager.metrics().origins[h.server.url]!.queued).toBe(0)
    await manager.closeAll()
  })

  it('the deadline bounds the wait too, and its error says the call was still queued', async () => {
    const h = await held()
    const manager = createNetworkManager({ defaults: { baseUrl: h.server.url, retry: false }, policy: { maxConcurrent: 1 }, clients: { api: httpClient() } })
    const api = manager.get('api')
    const first = api.get('/first')
    await until(() => h.server.requests.length === 1)
    const error = await api.get('/second', { deadline: 100 }).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(TimeoutError)
    expect(error).toMatchObject({ kind: 'deadline', code: 'ERR_DEADLINE' })
    expect((error as Error).message).toContain('deadline of 100 ms exceeded while queued for a slot')
    h.releaseOne()
    await first
    await manager.closeAll()
  })
})
