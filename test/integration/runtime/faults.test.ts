import { afterEach, describe, expect, test, vi } from 'vitest'
import { BodyTooLargeError, ConnectionError, createHttpClient, TimeoutError, ServerError } from '../../../runtime/index'
import { refusedPort, response, startHostile, type HostileServer } from '../../helpers/http-hostile'
import { manualTimers } from '../../helpers/instant-timers'
import { lagFreeTimers } from '../../helpers/lag-free-timers'

let server: HostileServer | undefined
afterEach(async () => {
  await server?.close()
  server = undefined
})

const fast = { baseDelay: 1, maxDelay: 5, budget: false as const }

describe('hostile servers', () => {
  test('connection refused is a ConnectionError, retried even for POST (never reached the server)', async () => {
    const port = await refusedPort()
    const retries: number[] = []
    const client = createHttpClient({ baseUrl: `http://127.0.0.1:${port}`, retry: fast, hooks: { onRetry: (c) => void retries.push(c.attempt) } })
    const error = await client.post('/x', { a: 1 }).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(ConnectionError)
    expect((error as ConnectionError).refused).toBe(true)
    expect((error as ConnectionError).attempts).toBe(3)
    expect((error as ConnectionError).message).toContain(`POST http://127.0.0.1:${port}/x`)
    expect(retries).toEqual([1, 2])
  })

  test('reset before any response byte: GET retried and succeeds, POST fails at once', async () => {
    server = await startHostile((socket, { n }) => {
      if (n === 1) socket.resetAndDestroy()
      else socket.end(response(200, '{"ok":true}', { 'content-type': 'application/json' }))
    })
    const client = createHttpClient({ baseUrl: server.url, retry: fast })
    expect(await client.get('/a')).toEqual({ ok: true })
    expect(server.heads).toHaveLength(2)

    await server.close()
    server = await startHostile((socket) => socket.resetAndDestroy())
    const post = createHttpClient({ baseUrl: server.url, retry: fast })
    const error = await post.post('/a', { x: 1 }).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(ConnectionError)
    expect(server.heads).toHaveLength(1)
  })

  test('reset mid-body and truncated body are ConnectionErrors, never a partial success', async () => {
    server = await startHostile((socket, { n }) => {
      socket.write(`HTTP/1.1 200 OK\r\ncontent-type: application/json\r\ncontent-length: 1000\r\n\r\n{"partial":`)
      setTimeout(() => (n % 2 ? socket.resetAndDestroy() : socket.end()), 10)
    })
    const client = createHttpClient({ baseUrl: server.url, retry: { ...fast, limit: 1 } })
    const error = await client.get('/body').catch((e: unknown) => e)
    expect(error).toBeInstanceOf(ConnectionError)
    expect((error as ConnectionError).message).toMatch(/connection lost while reading the body/)
    expect(server.heads).toHaveLength(2) // one reset, one truncated: both retried as GET
  })

  test('stall after headers: the attempt timeout fires per attempt', async () => {
    server = await startHostile((socket) => socket.write('HTTP/1.1 200 OK\r\ncontent-type: text/plain\r\ncontent-length: 10\r\n\r\nab'))
    // The clock moves by the client's timer delays only: two 80 ms attempts and a short wait, under any load.
    const clock = lagFreeTimers()
    const client = createHttpClient({ baseUrl: server.url, timeout: 80, timers: clock.timers, retry: { ...fast, limit: 1 } })
    const t0 = clock.now()
    const error = await client.get('/stall').catch((e: unknown) => e)
    expect(error).toBeInstanceOf(TimeoutError)
    expect((error as TimeoutError).kind).toBe('attempt')
    expect((error as TimeoutError).code).toBe('ERR_TIMEOUT')
    expect(server.heads).toHaveLength(2)
    expect(clock.now() - t0).toBeLessThan(2000)
  })

  test('the default 30 s attempt timeout fires per attempt on an injected clock, with no real wait', async () => {
    server = await startHostile((socket) => socket.write('HTTP/1.1 200 OK\r\ncontent-type: text/plain\r\ncontent-length: 10\r\n\r\nab'))
    const clock = manualTimers()
    const client = createHttpClient({ baseUrl: server.url, timers: clock.timers, retry: { ...fast, limit: 1 } })
    const t0 = Date.now()
    const failed = client.get('/stall').catch((e: unknown) => e)
    for (const n of [1, 2]) {
      await vi.waitFor(() => expect(server!.heads).toHaveLength(n))
      expect(clock.pending()).toEqual([30_000])
      clock.advance(30_000)
    }
    const error = await failed
    expect(error).toBeInstanceOf(TimeoutError)
    expect((error as TimeoutError).kind).toBe('attempt')
    expect((error as TimeoutError).ms).toBe(30_000)
    expect((error as TimeoutError).attempts).toBe(2)
    expect(clock.pending()).toEqual([]) // every timer cleared
    expect(Date.now() - t0).toBeLessThan(10_000)
  })

  test('a slow trickle never trips the attempt timer per chunk, but the total deadline fires', async () => {
    server = await startHostile((socket) => {
      socket.write('HTTP/1.1 200 OK\r\ncontent-type: text/plain\r\ntransfer-encoding: chunked\r\n\r\n')
      const timer = setInterval(() => (socket.writable ? socket.write('1\r\nx\r\n') : clearInterval(timer)), 20)
      socket.on('close', () => clearInterval(timer))
    })
    // The clock moves by the client's timer delays only: the 250 ms deadline is exact under any load.
    const clock = lagFreeTimers()
    const client = createHttpClient({ baseUrl: server.url, timeout: 10_000, deadline: 250, timers: clock.timers, retry: fast })
    const t0 = clock.now()
    const error = await client.get('/trickle').catch((e: unknown) => e)
    expect(error).toBeInstanceOf(TimeoutError)
    expect((error as TimeoutError).kind).toBe('deadline')
    expect(clock.now() - t0).toBeGreaterThanOrEqual(240)
    expect(clock.now() - t0).toBeLessThan(2000)
  })

  test('intermittent failure then success: attempts counted and visible to hooks', async () => {
    server = await startHostile((socket, { n }) =>
      socket.write(n < 3 ? response(503, 'busy') : response(200, '{"n":3}', { 'content-type': 'application/json' })),
    )
    const seen: string[] = []
    const client = createHttpClient({
      baseUrl: server.url,
      retry: fast,
      hooks: {
        onRetry: (c) => void seen.push(`${c.attempt}:${c.reason}:${c.delaySource}`),
        onRequest: (c) => void c.headers.set('x-attempt', String(c.attempt)),
      },
    })
    const result = await client.send({ method: 'GET', url: '/flaky' })
    expect(result.data).toEqual({ n: 3 })
    expect(result.attempts).toBe(3)
    expect(seen).toEqual(['1:status 503:backoff', '2:status 503:backoff'])
    expect(server.heads.map((h) => /x-attempt: (\d)/.exec(h)?.[1])).toEqual(['1', '2', '3'])
  })

  test('a stale keep-alive connection closed by the server between requests does not fail the next call', async () => {
    server = await startHostile((socket) => {
      socket.write(response(200, 'ok', { 'content-type': 'text/plain', connection: 'keep-alive' }))
      setTimeout(() => socket.end(), 20) // close the idle connection without saying so
    })
    const client = createHttpClient({ baseUrl: server.url, retry: fast })
    expect(await client.get('/1')).toBe('ok')
    await new Promise((r) => setTimeout(r, 60))
    expect(await client.post('/2', 'body')).toBe('ok')
    expect(server.heads).toHaveLength(2)
  })

  test('a keep-alive connection dropped as the next request arrives: GET is retried on a new connection, POST is not', async () => {
    const perSocket = new WeakMap<object, number>()
    server = await startHostile((socket) => {
      const n = (perSocket.get(socket) ?? 0) + 1
      perSocket.set(socket, n)
      if (n === 1) socket.write(response(200, 'ok', { 'content-type': 'text/plain', connection: 'keep-alive' }))
      else socket.destroy() // the idle-close race: the request met a connection being torn down
    })
    const client = createHttpClient({ baseUrl: server.url, retry: fast })
    const pause = (): Promise<unknown> => new Promise((r) => setTimeout(r, 20)) // let the socket return to the pool
    expect(await client.get('/1')).toBe('ok')
    await pause()
    expect(await client.get('/2')).toBe('ok')
    expect(server.heads).toHaveLength(3)
    await pause()
    const post = await client.post('/3', 'x').catch((e: unknown) => e)
    expect(post).toBeInstanceOf(ConnectionError)
    expect((post as ConnectionError).refused).toBe(false)
    expect(server.heads).toHaveLength(4)
  })

  test('maxBodyBytes: a declared or streamed oversize body is refused without buffering it', async () => {
    server = await startHostile((socket, { head }) => {
      if (head.includes('/declared')) return void socket.write('HTTP/1.1 200 OK\r\ncontent-type: application/json\r\ncontent-length: 1000000000000\r\n\r\n[')
      // chunked, no length: 64 KiB chunks until the client gives up
      socket.write('HTTP/1.1 200 OK\r\ncontent-type: text/plain\r\ntransfer-encoding: chunked\r\n\r\n')
      const chunk = `10000\r\n${'x'.repeat(0x10000)}\r\n`
      const pump = (): void => {
        while (socket.writable && socket.write(chunk)) {}
        if (socket.writable) socket.once('drain', pump)
      }
      pump()
    })
    const client = createHttpClient({ baseUrl: server.url, maxBodyBytes: 1_000_000, retry: fast })
    for (const path of ['/declared', '/streamed']) {
      const error = (await client.get(path).catch((e: unknown) => e)) as BodyTooLargeError
      expect(error).toBeInstanceOf(BodyTooLargeError)
      expect(error.code).toBe('ERR_BODY_TOO_LARGE')
      expect(error.limit).toBe(1_000_000)
    }
    expect(server.heads).toHaveLength(2) // not retried
    await server.close()
    server = await startHostile((socket) => socket.write(response(200, '{"a":1}', { 'content-type': 'application/json' })))
    expect(await createHttpClient({ baseUrl: server.url, maxBodyBytes: 10 }).get('/')).toEqual({ a: 1 }) // within the limit
  })

  test('500 with a huge body keeps only maxErrorBodyBytes', async () => {
    server = await startHostile((socket) => socket.end(response(500, 'x'.repeat(200_000), { 'content-type': 'text/plain' })))
    const client = createHttpClient({ baseUrl: server.url, retry: false, maxErrorBodyBytes: 1024 })
    const error = (await client.get('/big').catch((e: unknown) => e)) as ServerError<string>
    expect(error).toBeInstanceOf(ServerError)
    expect(error.body).toHaveLength(1024)
  })
})

describe('early answers', () => {
  test('a 401 sent before the request body is read surfaces as the 401, and a refreshed token replays the body once', async () => {
    const { createServer } = await import('node:net')
    const heads: string[] = []
    const bodies: number[] = []
    let tokens = 0
    const raw = createServer((socket) => {
      socket.on('error', () => {})
      let buf = Buffer.alloc(0)
      let answered = false
      socket.on('data', (chunk) => {
        buf = Buffer.concat([buf, chunk])
        const end = buf.indexOf('\r\n\r\n')
        if (end === -1 || answered) return
        const head = buf.subarray(0, end).toString('latin1')
        const length = Number(/content-length: *(\d+)/i.exec(head)?.[1] ?? 0)
        if (head.startsWith('POST /token')) {
          if (buf.length < end + 4 + length) return
          answered = true
          const body = JSON.stringify({ access_token: `tok${++tokens}` })
          return socket.end(`HTTP/1.1 200 OK\r\ncontent-type: application/json\r\ncontent-length: ${body.length}\r\nconnection: close\r\n\r\n${body}`)
        }
        if (/authorization: bearer tok1/i.test(head)) {
          // Refuse at once, without reading the 2 MB upload.
          answered = true
          heads.push('early-401')
          socket.end('HTTP/1.1 401 Unauthorized\r\ncontent-length: 0\r\nconnection: close\r\n\r\n')
          return
        }
        if (buf.length < end + 4 + length) return
        answered = true
        heads.push('ok')
        bodies.push(length)
        socket.end('HTTP/1.1 201 Created\r\ncontent-type: application/json\r\ncontent-length: 11\r\nconnection: close\r\n\r\n{"ok":true}')
      })
    })
    await new Promise<void>((r) => raw.listen(0, '127.0.0.1', r))
    const url = `http://127.0.0.1:${(raw.address() as import('node:net').AddressInfo).port}`
    try {
      const { createApi } = await import('../../../runtime/internal')
      const api = createApi({
        name: 'up',
        servers: [{ url }],
        securitySchemes: { o: { type: 'oauth2', flows: { clientCredentials: { tokenUrl: '/token' } } } },
        security: [{ o: [] }],
      })
      const upload = api.operation({ id: 'upload', method: 'POST', path: '/upload', body: { contentTypes: ['application/octet-stream'] } })
      api.configure({ auth: { o: { clientId: 'a', clientSecret: 'b' } }, retry: false })
      const result = await upload({ body: new Uint8Array(2_000_000) }).catch((e: unknown) => e)
      // The early 401 is read (not a broken pipe), the token refreshed, the whole body replayed once.
      expect(result).toEqual({ ok: true })
      expect(heads).toEqual(['early-401', 'ok'])
      expect(bodies).toEqual([2_000_000])
      expect(tokens).toBe(2)
    } finally {
      await new Promise<void>((r) => raw.close(() => r()))
    }
  })
})
