import { createWebSocket, jsonCodec } from '@codomyrmex/networking/runtime'

type ToServer = { type: 'subscribe'; channel: string } | { type: 'ping' }
type FromServer = { type: 'subscribed'; channel: string } | { type: 'pong' } | { type: 'echo'; payload: unknown }

export async function main(wsUrl: string) {
  const socket = createWebSocket<FromServer, ToServer>(wsUrl, {
    codec: jsonCodec<FromServer, ToServer>(), // the default: JSON text frames
    reconnect: { initialDelay: 200, maxDelay: 5_000 }, // off unless asked; `true` for the defaults
    queue: { limit: 100, overflow: 'throw' }, // messages sent while disconnected wait here
    heartbeat: { interval: 15_000, timeout: 5_000 },
    auth: { token: async () => 'ticket-123', in: 'query' }, // browsers: 'query' or 'protocol'
    onReconnect: () => void socket.send({ type: 'subscribe', channel: 'prices' }),
  })
  const states: string[] = []
  socket.on('state', (state) => states.push(state))

  await socket.connect()
  socket.send({ type: 'subscribe', channel: 'prices' })
  const first = await socket.receive() // or: for await (const message of socket) { ... }
  await socket.close() // for good: no reconnect; safe to call twice
  return { first, states }
}
