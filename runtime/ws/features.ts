import type { LogLevel } from '../log/types'
import { parseRetryAfter } from '../policy/retry-after'
import { watchHeartbeat } from './heartbeat'
import { reconnectPolicy } from './reconnect'
import { createClientQueue } from './send-queue'

/** How the client and its features log: the level, the event name, a message without the URL prefix. */
export type ClientLog = (level: LogLevel, event: string, message: string, fields?: object) => void

/**
 * Optional parts of the WebSocket client, passed in rather than imported, so a plain client's
 * bundle leaves them out: `createWebSocketCore(url, options, { ...reconnectFeature })`.
 * `createWebSocket` and `connectWebSocket` take all of them. The members are internal: pass the
 * exported feature objects, do not build your own.
 */
export interface WebSocketFeatures {
  /** Also reads a refused handshake's `Retry-After` (Node, where `ws` exposes the response). */
  reconnect?: { policy: typeof reconnectPolicy; retryAfter: typeof parseRetryAfter }
  /** The send queue used while disconnected (`queue` option). */
  queue?: typeof createClientQueue
  heartbeat?: typeof watchHeartbeat
}

/** Reconnect with backoff and jitter (the `reconnect` option). */
export const reconnectFeature: WebSocketFeatures = { reconnect: { policy: reconnectPolicy, retryAfter: parseRetryAfter } }
/** A bounded send queue while connecting or reconnecting (the `queue` option; on by default with it). */
export const queueFeature: WebSocketFeatures = { queue: createClientQueue }
/** Application and protocol pings with a pong timeout (the `heartbeat` option). */
export const heartbeatFeature: WebSocketFeatures = { heartbeat: watchHeartbeat }
/** Every feature: what `createWebSocket` and `connectWebSocket` use. */
// Spelled out, not spread: a spread at module level is not known to be pure, so bundlers would keep it.
export const allWebSocketFeatures: WebSocketFeatures = {
  reconnect: { policy: reconnectPolicy, retryAfter: parseRetryAfter },
  queue: createClientQueue,
  heartbeat: watchHeartbeat,
}
