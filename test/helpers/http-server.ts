import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http'
import type { AddressInfo, Socket } from 'node:net'
import { afterEach } from 'vitest'

export interface RecordedRequest {
  method: string
  url: string
  headers: IncomingMessage['headers']
  body: string
}

export interface TestServer {
  url: string
  port: number
  requests: RecordedRequest[]
  close(): Promise<void>
}

export type Handler = (req: IncomingMessage & { body: string }, res: ServerResponse, n: number) => unknown

/** A real HTTP server on 127.0.0.1 with an OS-assigned port; records every request with its body. */
export async function startServer(handler: Handler): Promise<TestServer & { server: Server }> {
  const requests: RecordedRequest[] = []
  const sockets = new Set<Socket>()
  const server = createServer(async (req, res) => {
    const chunks: Buffer[] = []
    for await (const c of req) chunks.push(c as Buffer)
    const body = Buffer.concat(chunks).toString('utf8')
    requests.push({ method: req.method ?? '', url: req.url ?? '', headers: req.headers, body })
    try {
      await handler(Object.assign(req, { body }), res, requests.length)
    } catch (e) {
      if (!res.headersSent) res.writeHead(599).end(String(e))
    }
  })
  server.on('connection', (s) => {
    sockets.add(s)
    s.on('close', () => sockets.delete(s))
  })
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r))
  const port = (server.address() as AddressInfo).port
  return {
    server,
    url: `http://127.0.0.1:${port}`,
    port,
    requests,
    close: () =>
      new Promise<void>((r) => {
        for (const s of sockets) s.destroy()
        server.close(() => r())
      }),
  }
}

export function json(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  res.writeHead(status, { 'content-type': 'application/json', ...headers }).end(JSON.stringify(body))
}

/**
 * For a test file whose tests each start their own servers: returns `startServer` bound to a
 * list that is closed after every test, so no server outlives the test that made it.
 */
export function serversClosedAfterEach(): (handler: Handler) => Promise<TestServer & { server: Server }> {
  const servers: TestServer[] = []
  afterEach(async () => {
    await Promise.all(servers.splice(0).map((s) => s.close()))
  })
  return async (handler) => {
    const s = await startServer(handler)
    servers.push(s)
    return s
  }
}
