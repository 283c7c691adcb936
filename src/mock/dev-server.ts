import type { IncomingMessage, Server, ServerResponse } from 'node:http'
import type { Duplex } from 'node:stream'
import crossws from 'crossws/adapters/node'
import { createResponder, type Responder } from './responder'
import type { MockSpec } from './spec'

/** Where the dev server answers an API: the generated client's default base URL in dev. */
export function devMockBase(name: string): string {
  return `/__api/${name}`
}

export interface DevMockSource {
  name: string
  /** The current mock data; a new object after the document changed. */
  spec(): Promise<MockSpec>
}

type Next = (error?: unknown) => void

/**
 * Connect middleware for the Vite dev server: requests under `/__api/<name>` are answered by the
 * responder of that API (rebuilt when its document changes), anything else goes on to Vite.
 * `POST /__api/<name>/__mock/fail {"times":2,"status":503}` makes the next requests fail, so an app
 * can show its retries against the dev mock.
 */
export function createDevMockMiddleware(sources: readonly DevMockSource[]) {
  const state = new Map<string, { spec: MockSpec; responder: Responder }>()
  const responderOf = async (source: DevMockSource): Promise<Responder> => {
    const spec = await source.spec()
    const known = state.get(source.name)
    if (known?.spec === spec) return known.responder
    const responder = createResponder(spec)
    state.set(source.name, { spec, responder })
    return responder
  }

  return async (req: IncomingMessage, res: ServerResponse, next: Next): Promise<void> => {
    const url = new URL(req.url ?? '/', 'http://localhost')
    const source = sources.find((s) => url.pathname === devMockBase(s.name) || url.pathname.startsWith(`${devMockBase(s.name)}/`))
    if (!source) return next()
    try {
      const responder = await responderOf(source)
      const path = url.pathname.slice(devMockBase(source.name).length) || '/'
      const body = await readBody(req)
      if (path === '/__mock/fail' && req.method === 'POST') {
        const { times = 1, status = 503 } = JSON.parse(body || '{}') as { times?: number; status?: number }
        responder.fail(times, status)
        res.writeHead(204).end()
        return
      }
      const headers = Object.fromEntries(Object.entries(req.headers).map(([k, v]) => [k, Array.isArray(v) ? v.join(', ') : (v ?? '')]))
      const reply = responder.handle({ method: req.method ?? 'GET', path, query: url.searchParams, headers, body: body === '' ? undefined : body })
      if (!reply) {
        res
          .writeHead(404, { 'content-type': 'application/json' })
          .end(JSON.stringify({ error: `${req.method} ${path} is not an operation of API "${source.name}"` }))
        return
      }
      res.writeHead(reply.status, reply.headers).end(reply.body)
    } catch (error) {
      next(error)
    }
  }
}

/**
 * WebSocket endpoints of the mocked APIs, through crossws: upgrades under `/__api/<name>/` get an
 * echo socket (every message sent back). Other upgrades are left alone: Vite's HMR socket shares
 * this server and must keep its own handler.
 */
export function attachDevMockSockets(server: Server, names: readonly string[]): void {
  const ws = crossws({
    hooks: {
      message(peer, message) {
        peer.send(typeof message.rawData === 'string' ? message.text() : message.uint8Array())
      },
    },
  })
  server.on('upgrade', (req: IncomingMessage, socket: Duplex, head: Buffer) => {
    const path = new URL(req.url ?? '/', 'http://localhost').pathname
    if (!names.some((name) => path.startsWith(`${devMockBase(name)}/`))) return
    void ws.handleUpgrade(req, socket, head)
  })
  server.on('close', () => ws.closeAll(1001, 'server closed', true))
}

async function readBody(req: IncomingMessage): Promise<string> {
  if (req.method === 'GET' || req.method === 'HEAD') return ''
  const chunks: Buffer[] = []
  for await (const chunk of req) chunks.push(chunk as Buffer)
  return Buffer.concat(chunks).toString('utf8')
}
