import { createHttpCore, createWebSocketCore, queueFeature, reconnectFeature } from '@codomyrmex/networking/runtime'

// The *Core constructors take optional parts as arguments instead of importing them, so a bundle
// carries only what it passes. createHttpClient / createWebSocket pass everything.
export async function main(baseUrl: string, wsUrl: string) {
  const http = createHttpCore({ baseUrl }, {}) // no sseFeature: event streams come back as raw ReadableStreams
  const pets = await http.get<unknown[]>('/pets')

  // Reconnect and the send queue, no heartbeat; an option whose feature is missing is refused.
  const socket = createWebSocketCore<{ type: string }, { type: string; channel: string }>(wsUrl, { reconnect: true }, { ...reconnectFeature, ...queueFeature })
  await socket.connect()
  socket.send({ type: 'subscribe', channel: 'news' })
  const reply = await socket.receive()
  await socket.close()
  return { pets: pets.length, reply: reply.type }
}
