/**
 * Real WebSocket servers on 127.0.0.1 (port from the OS) for the client tests: one built on the
 * crossws Node adapter, one on a plain `ws` WebSocketServer, both with the same behaviour, plus a
 * raw-TCP server that completes the handshake and then goes silent (the dead peer).
 *
 * Paths: `/echo` echoes, `/sink` swallows, (and answers the text 'ping' with 'pong' while `answerPings`);
 * `/flood/N` sends N messages `{"i":0..}` on open (and the text `flood:N` does so at once); `/big/N` sends one N-byte message on open;
 * `/close/CODE` closes with CODE on open; `/auth` accepts only `validToken`, from the
 * Authorization header, the `access_token` query parameter or a subprotocol, and closes with 4401
 * otherwise. Set `refuse` to answer every upgrade with that HTTP status and headers.
 */
import { createHash } from 'node:crypto'
import http from 'node:http'
import type { AddressInfo, Socket } from 'node:net'
import type { Duplex } from 'node:stream'
import crossws from 'crossws/adapters/node'
import { WebSocketServer } from 'ws'

export type ServerKind = 'crossws' | 'ws'

export interface TestServer {
  kind: ServerKind
  port: number
  url(path?: string): string
  answerPings: boolean
  validToken: string
  refuse: { status: number; headers?: Record<string, string> } | undefined
  /** Upgrade requests seen (including refused ones), with their time. */
  upgrades: { at: number; headers: http.IncomingHttpHeaders; url: string }[]
  /** Messages received as text. */
  received: string[]
  /** Destroys every TCP connection without a close frame. */
  dropAll(): void
  close(): Promise<void>
}

interface Conn {
  path: string
  token: string | undefined
  send(data: string | Uint8Array): void
  close(code: number, reason?: string): void
}

function tokenOf(url: URL, headers: http.IncomingHttpHeaders): string | undefined {
  const auth = headers.authorization
  if (auth?.startsWith('Bearer ')) return auth.slice(7)
  const query = url.searchParams.get('access_token')
  if (query) return query
  const protocols = String(headers['sec-websocket-protocol'] ?? '')
    .split(',')
    .map((p) => p.trim())
  return protocols.find((p) => p.startsWith('tok.'))?.slice(4)
}

export async function startServer(kind: ServerKind): Promise<TestServer> {
  const sockets = new Set<Duplex>()
  const httpServer = http.createServer((_req, res) => res.end('not a websocket'))
  const state: TestServer = {
    kind,
    port: 0,
    url: (path = '/echo') => `ws://127.0.0.1:${state.port}${path}`,
    answerPings: true,
    validToken: 'good',
    refuse: undefined,
    upgrades: [],
    received: [],
    dropAll() {
      for (const s of sockets) s.destroy()
      sockets.clear()
    },
    async close() {
      state.dropAll()
      closeImpl()
      httpServer.closeAllConnections()
      await new Promise<void>((resolve) => httpServer.close(() => resolve()))
    },
  }

  const onOpen = (c: Conn): void => {
    const [, kindOf, arg] = c.path.split('/')
    if (kindOf === 'flood') for (let i = 0; i < Number(arg); i++) c.send(JSON.stringify({ i }))
    if (kindOf === 'big') c.send('x'.repeat(Number(arg)))
    if (kindOf === 'close') c.close(Number(arg), 'server says bye')
    if (kindOf === 'auth') {
      if (c.token === state.validToken) c.send(JSON.stringify({ welcome: c.token }))
      else c.close(4401, 'unauthorized')
    }
  }
  const onMessage = (c: Conn, text: string, raw: Uint8Array, binary: boolean): void => {
    if (c.path === '/sink') return
    state.received.push(text)
    if (text.startsWith('flood:')) {
      for (let i = 0; i < Number(text.slice(6)); i++) c.send(JSON.stringify({ i }))
      return
    }
    if (text === 'ping') {
      if (state.answerPings) c.send('pong')
      return
    }
    c.send(binary ? raw : text)
  }
  const refuseUpgrade = (socket: Duplex): boolean => {
    if (!state.refuse) return false
    const { status, headers = {} } = state.refuse
    const lines = Object.entries(headers)
      .map(([k, v]) => `${k}: ${v}\r\n`)
      .join('')
    socket.end(`HTTP/1.1 ${status} ${http.STATUS_CODES[status]}\r\n${lines}Content-Length: 0\r\nConnection: close\r\n\r\n`)
    return true
  }

  let closeImpl: () => void
  if (kind === 'crossws') {
    const ws = crossws({
      hooks: {
        upgrade(request) {
          const protocols = (request.headers.get('sec-websocket-protocol') ?? '').split(',').map((p) => p.trim())
          return protocols.includes('chat') ? { protocol: 'chat' } : undefined
        },
        open(peer) {
          const url = new URL(peer.request.url)
          const headers = Object.fromEntries(peer.request.headers) as http.IncomingHttpHeaders
          const conn: Conn = {
            path: url.pathname,
            token: tokenOf(url, headers),
            send: (d) => peer.send(d),
            close: (code, reason) => peer.close(code, reason),
          }
          ;(peer.context as { conn?: Conn }).conn = conn
          onOpen(conn)
        },
        message(peer, message) {
          const conn = (peer.context as { conn: Conn }).conn
          const raw = message.uint8Array()
          // crossws hands text frames over as strings and binary frames as buffers.
          onMessage(conn, message.text(), raw, typeof message.rawData !== 'string')
        },
      },
    })
    httpServer.on('upgrade', (req, socket, head) => {
      state.upgrades.push({ at: Date.now(), headers: req.headers, url: req.url ?? '' })
      if (refuseUpgrade(socket)) return
      sockets.add(socket)
      socket.on('close', () => sockets.delete(socket))
      void ws.handleUpgrade(req, socket, head)
    })
    closeImpl = () => ws.closeAll(1001, 'shutdown', true)
  } else {
    const wss = new WebSocketServer({
      noServer: true,
      handleProtocols: (protocols) => (protocols.has('chat') ? 'chat' : false),
    })
    httpServer.on('upgrade', (req, socket, head) => {
      state.upgrades.push({ at: Date.now(), headers: req.headers, url: req.url ?? '' })
      if (refuseUpgrade(socket)) return
      sockets.add(socket)
      socket.on('close', () => sockets.delete(socket))
      wss.handleUpgrade(req, socket, head, (client) => {
        const url = new URL(req.url ?? '/', 'http://x')
        const conn: Conn = {
          path: url.pathname,
          token: tokenOf(url, req.headers),
          send: (d) => client.send(d),
          close: (code, reason) => client.close(code, reason),
        }
        client.on('message', (data, binary) => {
          const raw = new Uint8Array(data as Buffer)
          onMessage(conn, Buffer.from(raw).toString(), raw, binary)
        })
        onOpen(conn)
      })
    })
    closeImpl = () => {
      for (const c of wss.clients) c.terminate()
      wss.close()
    }
  }
  await new Promise<void>((resolve) => httpServer.listen(0, '127.0.0.1', resolve))
  state.port = (httpServer.address() as AddressInfo).port
  return state
}

/**
 * A peer that completes the opening handshake and then never reads, answers or closes: no pongs,
 * no echo, no close frame. The client must find out by itself.
 */
export async function startSilentServer(): Promise<{ url: string; connections: number; close(): Promise<void> }> {
  const sockets = new Set<Socket>()
  const server = http.createServer()
  const handle = {
    url: '',
    connections: 0,
    async close() {
      for (const s of sockets) s.destroy()
      server.closeAllConnections()
      await new Promise<void>((resolve) => server.close(() => resolve()))
    },
  }
  server.on('upgrade', (req, socket: Socket) => {
    handle.connections++
    sockets.add(socket)
    const accept = createHash('sha1').update(`${req.headers['sec-websocket-key']}258EAFA5-E914-47DA-95CA-C5AB0DC85B11`).digest('base64')
    socket.write(`HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Accept: ${accept}\r\n\r\n`)
    socket.on('error', () => {})
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  handle.url = `ws://127.0.0.1:${(server.address() as AddressInfo).port}/`
  return handle
}
