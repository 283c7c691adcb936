/**
 * WebSocket servers on 127.0.0.1 (port 0) that play an AsyncAPI document's side: each frame received
 * is answered with what `reply` returns. Used by test/integration/asyncapi.
 */
import http from 'node:http'
import type { AddressInfo } from 'node:net'
import { WebSocketServer, type WebSocket } from 'ws'
import type { LogEvent, Logger } from '../../runtime/index'

export interface Played {
  url: string
  port: number
  received: unknown[]
  upgrades: string[]
  headers: http.IncomingHttpHeaders[]
  sockets: Set<WebSocket>
  /** Resolves with the next frame not yet taken by an earlier call (already received, or the next to come). */
  nextReceived(): Promise<unknown>
  close(): Promise<void>
}

export const open: Played[] = []

/** For afterEach: closes every server started by play(). */
export async function closeAll(): Promise<void> {
  await Promise.all(open.splice(0).map((s) => s.close()))
}

/** A server that answers each frame with what `reply` returns (nothing for undefined). */
export async function play(reply: (frame: unknown, socket: WebSocket) => unknown, port = 0): Promise<Played> {
  const server = http.createServer()
  const wss = new WebSocketServer({ server })
  const waiters: Array<(frame: unknown) => void> = []
  let taken = 0
  const played: Played = {
    url: '',
    port: 0,
    received: [],
    upgrades: [],
    headers: [],
    sockets: new Set(),
    nextReceived: () => {
      const index = taken++
      return index < played.received.length ? Promise.resolve(played.received[index]) : new Promise((resolve) => waiters.push(resolve))
    },
    close: () =>
      new Promise((resolve) => {
        // Stop listening first, so a reconnecting client cannot slip in while the rest closes. The
        // listening handle is gone once 'close' is emitted for it or `listening` is false; waiting for
        // every connection to drain is not needed to listen again on the port.
        server.close()
        server.closeAllConnections()
        for (const socket of played.sockets) socket.terminate()
        wss.close()
        resolve()
      }),
  }
  wss.on('connection', (socket, request) => {
    played.upgrades.push(request.url ?? '')
    played.headers.push(request.headers)
    played.sockets.add(socket)
    socket.on('close', () => played.sockets.delete(socket))
    socket.on('message', (data) => {
      const text = String(data)
      let frame: unknown = text
      try {
        frame = JSON.parse(text)
      } catch {
        // a text frame
      }
      played.received.push(frame)
      waiters.shift()?.(frame)
      const answer = reply(frame, socket)
      if (answer !== undefined) socket.send(typeof answer === 'string' ? answer : JSON.stringify(answer))
    })
  })
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve))
  played.port = (server.address() as AddressInfo).port
  played.url = `ws://127.0.0.1:${played.port}`
  open.push(played)
  return played
}

/** Kraken as its document describes it: pong to ping, subscriptionStatus (its example) to subscribe. */
export function kraken(frame: unknown): unknown {
  const f = frame as { event?: string; reqid?: number; pair?: string[] }
  if (f.event === 'ping') return { event: 'pong', reqid: f.reqid }
  if (f.event === 'subscribe') {
    return {
      channelID: 10001,
      channelName: 'ohlc-5',
      event: 'subscriptionStatus',
      pair: f.pair?.[0] ?? 'XBT/EUR',
      reqid: f.reqid,
      status: 'subscribed',
      subscription: { interval: 5, name: 'ohlc' },
    }
  }
  if (f.event === 'say') return { event: 'heartbeat' }
  if (f.event === 'mystery') return { event: 'notInTheDocument' }
  return undefined
}

export function recorder(): Logger & { events: LogEvent[] } {
  const events: LogEvent[] = []
  const push = (e: LogEvent): void => void events.push(e)
  return { events, debug: push, info: push, warn: push, error: push }
}
