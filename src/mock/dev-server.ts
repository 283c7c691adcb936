import type { IncomingMessage, Server, ServerResponse } from 'node:http'
import type { Duplex } from 'node:stream'
import crossws from 'crossws/adapters/node'
import { createResponder, type Responder } from './responder'
import type { MockSpec } from './spec'
import { createWsResponder, type WsResponder } from './ws-responder'
import type { WsMockSpec } from './ws-spec'

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

/** A mocked API's sockets: an AsyncAPI document's mock data, or none (an OpenAPI API gets an echo socket). */
export interface DevMockSocketSource {
  name: string
  /** The current mock data of an AsyncAPI document; a new object after the document changed. */
  spec?: () => Promise<WsMockSpec>
}

export interface DevMockSockets {
  /** Closes the API's open sockets (1012, service restart): clients reconnect and meet the new document. */
  refresh(name: string): void
  /** `refresh` when the mock data changed since the sockets were served (a new example, a new message). */
  refreshIfChanged(name: string): Promise<void>
}

/**
 * WebSocket endpoints of the mocked APIs, through crossws, one per API under `/__api/<name>`: an
 * AsyncAPI document's clients get its receive examples on connect and each sent message's reply
 * (src/mock/ws-responder.ts); an OpenAPI API's get an echo socket. Other upgrades are left alone:
 * Vite's HMR socket shares this server and must keep its own handler.
 */
export function attachDevMockSockets(server: Server, sources: readonly DevMockSocketSource[]): DevMockSockets {
  const served = new Map<string, string>()
  const endpoints = new Map(
    sources.map((source) => {
      const { spec } = source
      let current: { spec: WsMockSpec; responder: WsResponder } | undefined
      const responderOf = async (): Promise<WsResponder> => {
        const latest = await (spec as () => Promise<WsMockSpec>)()
        if (current?.spec !== latest) current = { spec: latest, responder: createWsResponder(latest) }
        served.set(source.name, JSON.stringify(latest))
        return current.responder
      }
      // Frames that arrive before the responder is ready wait for it, in order.
      const ready = new WeakMap<object, Promise<WsResponder>>()
      const ws = crossws({
        hooks: spec
          ? {
              open(peer) {
                const responder = responderOf()
                ready.set(peer, responder)
                void responder.then(
                  // On the next turn, as under msw (src/mock/ws-handlers.ts): code after `await connect()` subscribes first.
                  (r) =>
                    setTimeout(() => {
                      for (const frame of r.greeting()) peer.send(frame)
                    }, 0),
                  // A broken document: the overlay shows it (from the client module); the socket says so and closes.
                  () => peer.close(1011, 'the document could not be read'),
                )
              },
              message(peer, message) {
                const text = message.text()
                void ready.get(peer)?.then(
                  (r) => {
                    for (const frame of r.answer(text)) peer.send(frame)
                  },
                  () => undefined,
                )
              },
            }
          : {
              message(peer, message) {
                peer.send(typeof message.rawData === 'string' ? message.text() : message.uint8Array())
              },
            },
      })
      return [source.name, ws] as const
    }),
  )
  server.on('upgrade', (req: IncomingMessage, socket: Duplex, head: Buffer) => {
    const path = new URL(req.url ?? '/', 'http://localhost').pathname
    const name = sources.find((s) => path === devMockBase(s.name) || path.startsWith(`${devMockBase(s.name)}/`))?.name
    if (name !== undefined) void endpoints.get(name)?.handleUpgrade(req, socket, head)
  })
  server.on('close', () => {
    for (const ws of endpoints.values()) ws.closeAll(1001, 'server closed', true)
  })
  const refresh = (name: string): void => endpoints.get(name)?.closeAll(1012, 'the document changed')
  return {
    refresh,
    async refreshIfChanged(name) {
      const spec = sources.find((s) => s.name === name)?.spec
      if (!spec || !served.has(name)) return
      const latest = await spec().catch(() => undefined)
      if (latest && JSON.stringify(latest) !== served.get(name)) refresh(name)
    },
  }
}

async function readBody(req: IncomingMessage): Promise<string> {
  if (req.method === 'GET' || req.method === 'HEAD') return ''
  const chunks: Buffer[] = []
  for await (const chunk of req) chunks.push(chunk as Buffer)
  return Buffer.concat(chunks).toString('utf8')
}
