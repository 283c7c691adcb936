import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { AbortError, ConnectionError, createHttpClient, NetworkingError, type AuthStrategy } from '../../../runtime/index'
import type { AttemptContext } from '../../../runtime/internal'
import { startServer, type TestServer } from '../../helpers/http-server'

let server: TestServer
const stall: (() => void)[] = []
beforeAll(async () => {
  server = await startServer((req, res) => {
    if (req.url === '/slow') return new Promise<void>((r) => stall.push(() => (res.end('{}'), r())))
    if (req.url === '/auth' && req.headers.authorization !== 'Bearer new') return res.writeHead(401).end()
    res.setHeader('content-type', 'application/json')
    res.end('{"ok":true}')
  })
})
afterAll(async () => {
  for (const s of stall) s()
  await server.close()
})

describe('what a network manager needs from the HTTP client', () => {
  test('a client-level signal aborts calls in flight and later calls, alongside each call signal', async () => {
    const controller = new AbortController()
    const client = createHttpClient({ baseUrl: server.url, signal: controller.signal })
    await expect(client.get('/')).resolves.toEqual({ ok: true })
    const own = new AbortController()
    const pending = client.get('/slow', { signal: own.signal })
    await new Promise((r) => setTimeout(r, 50))
    controller.abort(new Error('shutting down'))
    const error = await pending.catch((e: unknown) => e)
    expect(error).toBeInstanceOf(AbortError)
    expect((error as AbortError).cause).toEqual(new Error('shutting down'))
    await expect(client.get('/')).rejects.toBeInstanceOf(AbortError)
    // The call's own signal still works on a client with a signal of its own.
    const other = createHttpClient({ baseUrl: server.url, signal: new AbortController().signal })
    const call = new AbortController()
    call.abort('mine')
    await expect(other.get('/', { signal: call.signal })).rejects.toBeInstanceOf(AbortError)
  })

  test('a NetworkingError thrown by a user fetch reaches the caller as it is, tried once', async () => {
    class Verdict extends NetworkingError {}
    let calls = 0
    const fetch = async (): Promise<Response> => {
      calls++
      throw new Verdict('no: the breaker is open', { code: 'ERR_TEST' })
    }
    const error = await createHttpClient({ baseUrl: server.url, fetch })
      .get('/')
      .catch((e: unknown) => e)
    expect(error).toBeInstanceOf(Verdict)
    expect(error).not.toBeInstanceOf(ConnectionError)
    expect(calls).toBe(1)
    // A plain failure is still a retried ConnectionError.
    calls = 0
    const plain = async (): Promise<Response> => {
      calls++
      throw new TypeError('fetch failed')
    }
    await expect(createHttpClient({ baseUrl: server.url, fetch: plain, retry: { limit: 1, baseDelay: 1, maxDelay: 1 } }).get('/')).rejects.toBeInstanceOf(
      ConnectionError,
    )
    expect(calls).toBe(2)
  })

  test('an auth replay counts as an attempt, and every attempt of a call carries the same call id', async () => {
    let token = 'old'
    const strategy: AuthStrategy = {
      apply: (req) => void req.headers.set('authorization', `Bearer ${token}`),
      refresh: async () => ((token = 'new'), true),
    }
    const seen: Pick<AttemptContext, 'attempt' | 'callId'>[] = []
    const client = createHttpClient({ baseUrl: server.url, auth: strategy, hooks: { onRequest: ({ attempt, callId }) => void seen.push({ attempt, callId }) } })
    const result = await client.send({ method: 'GET', url: '/auth' })
    expect(result.attempts).toBe(2)
    expect(seen.map((s) => s.attempt)).toEqual([1, 2])
    expect(seen[0]!.callId).toBe(seen[1]!.callId)
    await client.get('/')
    expect(seen[2]!.callId).toBeGreaterThan(seen[0]!.callId)
  })
})

describe('bugs are not network failures', () => {
  test('createHttpCore works without a features argument (plain JavaScript callers)', async () => {
    const { createHttpCore } = await import('../../../runtime/index')
    const core = (createHttpCore as (options: { baseUrl: string }) => ReturnType<typeof createHttpCore>)({ baseUrl: server.url })
    await expect(core.get('/')).resolves.toEqual({ ok: true })
  })

  test('a RangeError thrown while the body is read is rethrown as it is, tried once', async () => {
    let calls = 0
    const client = createHttpClient({
      baseUrl: server.url,
      retry: { limit: 3 },
      fetch: async (input, init) => {
        calls++
        const response = await fetch(input, init)
        // A body stream that fails with a programming error, not a dropped connection.
        const body = new ReadableStream({
          pull: () => {
            throw new RangeError('bug in a body transform')
          },
        })
        return new Response(body, { status: response.status, headers: response.headers })
      },
    })
    const error = await client.get('/').catch((e: unknown) => e)
    expect(error).toBeInstanceOf(RangeError)
    expect(error).not.toBeInstanceOf(ConnectionError)
    expect(calls).toBe(1)
  })
})
