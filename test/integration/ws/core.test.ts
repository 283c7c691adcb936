import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createWebSocketCore, queueFeature, reconnectFeature, heartbeatFeature } from '../../../runtime/ws/index'
import { startServer, type TestServer } from '../../helpers/ws-servers'

describe('createWebSocketCore: a plain client, features opted in', () => {
  let server: TestServer
  beforeAll(async () => {
    server = await startServer('ws')
  })
  afterAll(() => server.close())

  it('connects, echoes and closes with no features; a send before open throws instead of queueing', async () => {
    const client = createWebSocketCore<{ n: number }>(server.url(), {}, {})
    const connecting = client.connect()
    expect(() => client.send({ n: 0 })).toThrow(/cannot send while connecting/)
    await connecting
    client.send({ n: 1 })
    expect(await client.receive()).toEqual({ n: 1 })
    await client.close()
    expect(client.state).toBe('closed')
  })

  it('queues with queueFeature', async () => {
    const client = createWebSocketCore<{ n: number }>(server.url(), {}, queueFeature)
    const connecting = client.connect()
    expect(client.send({ n: 2 })).toBe(true) // accepted: queued, delivered once open
    await connecting
    expect(await client.receive()).toEqual({ n: 2 })
    await client.close()
  })

  it('refuses an option whose feature was not passed, naming the feature', () => {
    expect(() => createWebSocketCore(server.url(), { reconnect: true }, {})).toThrow('WebSocket option reconnect needs reconnectFeature')
    expect(() => createWebSocketCore(server.url(), { heartbeat: { interval: 1000, timeout: 500 } }, reconnectFeature)).toThrow('needs heartbeatFeature')
    expect(() => createWebSocketCore(server.url(), { queue: { limit: 5 } }, {})).toThrow('needs queueFeature')
    expect(() =>
      createWebSocketCore(server.url(), { reconnect: true, heartbeat: { interval: 1000, timeout: 500 } }, { ...reconnectFeature, ...heartbeatFeature }),
    ).not.toThrow()
  })
})
