import type { Logger } from '../../log/types'
import { createWebSocket, type WebSocketClient } from '../../ws/client'
import type { WebSocketOptions } from '../../ws/types'
import { mergeHeaders } from '../options'
import type { ClientKind, ClientSpec, PerEnvironment } from '../types'

interface WebSocketConfig<In, Out> {
  url: PerEnvironment<string>
  options: WebSocketOptions<In, Out>
}

function isLogger(value: unknown): value is Logger {
  return typeof value === 'object' && value !== null && typeof (value as Logger).debug === 'function'
}

function websocketKind<In, Out>(): ClientKind<WebSocketConfig<In, Out>, WebSocketClient<In, Out>> {
  return {
    kind: 'websocket',
    create({ url, options }, ctx) {
      const d = ctx.defaults
      const headers = mergeHeaders(d.headers, options.headers)
      const logger = options.logger ?? (isLogger(d.logger) ? d.logger : undefined)
      const client = createWebSocket<In, Out>(ctx.pick(url, 'WebSocket URL'), {
        ...options,
        ...(headers ? { headers } : {}),
        ...(logger ? { logger } : {}),
      })
      client.on('state', (state) => ctx.emit({ type: 'socket', client: ctx.name, state }))
      return client
    },
    close: (client) => client.close(),
    describe: (client) => ({ state: client.state }),
  }
}

/**
 * A WebSocket client held by the manager. It is created on the first `get()` and not connected:
 * call `connect()`. `closeAll()` closes it (no reconnect afterwards).
 */
export function webSocketClient<In = unknown, Out = In>(
  url: PerEnvironment<string>,
  options: WebSocketOptions<In, Out> = {},
): ClientSpec<WebSocketClient<In, Out>, WebSocketConfig<In, Out>> {
  return { kind: websocketKind<In, Out>(), config: { url, options } }
}
