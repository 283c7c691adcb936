import { createServer, type Server } from 'node:http'
import { http, HttpResponse } from 'msw'
import { setupServer } from 'msw/node'
import { WebSocket, WebSocketServer } from 'ws'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { attachDevMockSockets } from '../../../src/mock/dev-server'
import { createMockHandlers } from '../../../src/mock/handlers'
import { buildMockSpec } from '../../../src/mock/routes'

const spec = buildMockSpec('pets', {
  openapi: '3.0.3',
  servers: [{ url: '/api' }],
  paths: { '/pets': { get: { responses: { '200': { description: 'ok', content: { 'application/json': { example: [{ id: 1 }] } } } } } } },
})

describe('createMockHandlers (what the generated mocks module calls)', () => {
  const relative = createMockHandlers(spec, { http, HttpResponse })
  const absolute = createMockHandlers(spec, { http, HttpResponse }, { baseUrl: 'http://api.test/v9/' })
  const msw = setupServer(...relative.handlers, ...absolute.handlers)
  beforeAll(() => msw.listen({ onUnhandledRequest: 'error' }))
  afterAll(() => msw.close())

  it('serves a relative server path on any origin, and a given absolute base URL', async () => {
    expect(await (await fetch('http://anything.test/api/pets')).json()).toEqual([{ id: 1 }])
    const res = await fetch('http://api.test/v9/pets')
    expect(res.headers.get('content-type')).toBe('application/json')
    expect(await res.json()).toEqual([{ id: 1 }])
  })

  it('lets requests outside the document fall through to msw', async () => {
    await expect(fetch('http://api.test/v9/cats')).rejects.toThrow()
    await expect(fetch('http://api.test/other/pets')).rejects.toThrow()
  })
})

describe('dev mock sockets', () => {
  let server: Server
  let port: number
  const other = new WebSocketServer({ noServer: true })
  beforeAll(async () => {
    server = createServer()
    attachDevMockSockets(server, ['pets'])
    // Stands in for Vite's HMR socket on the same server: it must keep its upgrades.
    server.on('upgrade', (req, socket, head) => {
      if (req.url?.startsWith('/hmr')) other.handleUpgrade(req, socket, head, (ws) => ws.send('hmr here'))
    })
    await new Promise<void>((done) => server.listen(0, '127.0.0.1', done))
    port = (server.address() as { port: number }).port
  })
  afterAll(() => new Promise<void>((done) => server.close(() => done())))

  const first = (path: string, send?: string | Buffer) =>
    new Promise<string>((done, fail) => {
      const ws = new WebSocket(`ws://127.0.0.1:${port}${path}`)
      ws.on('open', () => send !== undefined && ws.send(send))
      ws.on('message', (data, binary) => {
        done(binary ? `binary:${Buffer.from(data as Buffer).toString()}` : String(data))
        ws.close()
      })
      ws.on('error', fail)
    })

  it('echoes text and binary under /__api/<name>/ and leaves other upgrades to their owner', async () => {
    expect(await first('/__api/pets/live', 'hello')).toBe('hello')
    expect(await first('/__api/pets/live', Buffer.from('bytes'))).toBe('binary:bytes')
    expect(await first('/hmr')).toBe('hmr here')
  })
})
