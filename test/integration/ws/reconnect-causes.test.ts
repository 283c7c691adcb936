import { describe, expect, it } from 'vitest'
import { createWebSocket, WebSocketConnectError, type LogEvent } from '../../../runtime/index'
import { refusedPort } from '../../helpers/http-hostile'

describe('reconnect attempts that fail say why', () => {
  it('a refused port: each attempt logs ECONNREFUSED; the give-up error names the limit and keeps the cause', async () => {
    const port = await refusedPort()
    const events: LogEvent[] = []
    const sink = (e: LogEvent): void => void events.push(e)
    const client = createWebSocket(`ws://127.0.0.1:${port}/feed`, {
      reconnect: { maxAttempts: 2, initialDelay: 1, maxDelay: 2 },
      logger: { debug: sink, info: sink, warn: sink, error: sink },
    })
    const error = (await client.connect().catch((e: unknown) => e)) as WebSocketConnectError
    expect(error).toBeInstanceOf(WebSocketConnectError)
    expect(error.code).toBe('ERR_WS_RECONNECT')
    expect(error.message).toMatch(/gave up reconnecting after 2 attempts \(maxAttempts reached\); last: connection failed \(ECONNREFUSED\)/)
    expect(error.message).not.toContain('(attempts)')
    const cause = error.cause as WebSocketConnectError
    expect(cause).toBeInstanceOf(WebSocketConnectError)
    expect(cause.message).toContain('ECONNREFUSED')
    const retries = events.filter((e) => e.event === 'ws.reconnect')
    expect(retries).toHaveLength(2)
    for (const r of retries) expect(r.message).toContain('connection failed (ECONNREFUSED)')
    await client.close()
  })
})
