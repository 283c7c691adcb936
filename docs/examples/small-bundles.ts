import { createHttpCore, createWebSocketCore } from '@codomyrmex/networking/runtime'

// The *Core constructors leave the optional parts out, so a bundle carries only the plain client.
// createHttpClient / createWebSocket carry everything.
export async function main(baseUrl: string, wsUrl: string) {
  const http = createHttpCore({ baseUrl }) // no SSE parsing (event streams come back as raw ReadableStreams), no `auth`
  const pets = await http.get<unknown[]>('/pets')

  // No reconnect, send queue, heartbeat, auth, logger or size limit: each of those options is refused here.
  const socket = createWebSocketCore<{ type: string }, { type: string; channel: string }>(wsUrl)
  await socket.connect()
  socket.send({ type: 'subscribe', channel: 'news' })
  const reply = await socket.receive()
  await socket.close()
  return { pets: pets.length, reply: reply.type }
}
