import { createServer, type IncomingMessage, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'

/** A request exactly as it reached the server: raw target, raw header list, raw body bytes. */
export interface Recorded {
  method: string
  /** The request target as sent (`/a%20b?x=1`), never normalised. */
  url: string
  path: string
  /** Raw query string without `?`; '' when there is none. */
  query: string
  /** Raw header list in order, names as sent. */
  rawHeaders: string[]
  body: Buffer
  header(name: string): string | undefined
}

export interface Reply {
  status?: number
  headers?: Record<string, string>
  body?: string | Uint8Array
}

export type Responder = (request: Recorded) => Reply

export interface RecordingServer {
  url: string
  port: number
  /** Everything received since the last `take()`. */
  take(): Recorded[]
  /** How the server answers until changed (default: 204, empty). */
  respond(responder: Responder | undefined): void
  close(): Promise<void>
}

const NO_CONTENT: Responder = () => ({ status: 204 })

/** An HTTP server on 127.0.0.1 (port from the OS) that records every request byte for byte. */
export async function startRecordingServer(fallback: Responder = NO_CONTENT): Promise<RecordingServer> {
  let received: Recorded[] = []
  let responder: Responder | undefined
  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    const chunks: Buffer[] = []
    req.on('data', (c: Buffer) => chunks.push(c))
    req.on('end', () => {
      const url = req.url ?? ''
      const q = url.indexOf('?')
      const rawHeaders = req.rawHeaders
      const recorded: Recorded = {
        method: req.method ?? '',
        url,
        path: q < 0 ? url : url.slice(0, q),
        query: q < 0 ? '' : url.slice(q + 1),
        rawHeaders,
        body: Buffer.concat(chunks),
        header(name) {
          const values: string[] = []
          for (let i = 0; i < rawHeaders.length; i += 2) if (rawHeaders[i]!.toLowerCase() === name.toLowerCase()) values.push(rawHeaders[i + 1]!)
          return values.length === 0 ? undefined : values.join(', ')
        },
      }
      received.push(recorded)
      const reply = (responder ?? fallback)(recorded)
      res.writeHead(reply.status ?? 200, reply.headers)
      res.end(reply.body)
    })
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo
  return {
    url: `http://127.0.0.1:${port}`,
    port,
    take() {
      const out = received
      received = []
      return out
    },
    respond(r) {
      responder = r
    },
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections()
        server.close((e) => (e ? reject(e) : resolve()))
      }),
  }
}
