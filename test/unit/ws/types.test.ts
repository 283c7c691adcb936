import { describe, expectTypeOf, it } from 'vitest'
import { createWebSocket, type Codec, type WebSocketClient, type WebSocketState } from '../../../runtime/ws/index'

type ServerMessage = { type: 'tick'; at: number } | { type: 'bye' }
type ClientMessage = { type: 'subscribe'; topic: string }

// Compile-time checks (run by `tsc --noEmit`); the runtime part only creates idle clients.
describe('WebSocket client types', () => {
  it('types received and sent messages through the generics', () => {
    const client = createWebSocket<ServerMessage, ClientMessage>('ws://127.0.0.1:1/')
    expectTypeOf(client).toEqualTypeOf<WebSocketClient<ServerMessage, ClientMessage>>()
    expectTypeOf(client.receive()).resolves.toEqualTypeOf<ServerMessage>()
    expectTypeOf(client.send).parameter(0).toEqualTypeOf<ClientMessage>()
    expectTypeOf(client.state).toEqualTypeOf<WebSocketState>()
    client.on('message', (m) => expectTypeOf(m).toEqualTypeOf<ServerMessage>())
    client.on('reconnecting', (r) => expectTypeOf(r.attempt).toBeNumber())
    // @ts-expect-error: not a ClientMessage
    expectTypeOf(client.send).toBeCallableWith({ type: 'unsubscribe' })
  })

  it('takes the message types from a custom codec', () => {
    const numbers: Codec<number, number> = { encode: String, decode: (d) => Number(d) }
    const client = createWebSocket('ws://127.0.0.1:1/', { codec: numbers })
    expectTypeOf(client.receive()).resolves.toBeNumber()
    expectTypeOf(client.send).parameter(0).toBeNumber()
  })
})
