import { parseRetryAfter } from '../policy/retry-after'
import { startHeartbeat } from './heartbeat'
import { decideReconnect, isAuthFailure, resolveReconnect } from './reconnect'
import { createSendQueue } from './send-queue'

/**
 * Optional parts of the WebSocket client, passed in rather than imported, so a plain client's
 * bundle leaves them out: `createWebSocketCore(url, options, { ...reconnectFeature })`.
 * `createWebSocket` and `connectWebSocket` take all of them.
 */
export interface WebSocketFeatures {
  /** Also reads a refused handshake's `Retry-After` (Node, where `ws` exposes the response). */
  reconnect?: { resolve: typeof resolveReconnect; decide: typeof decideReconnect; isAuthFailure: typeof isAuthFailure; retryAfter: typeof parseRetryAfter }
  /** The send queue used while disconnected (`queue` option). */
  queue?: typeof createSendQueue
  heartbeat?: typeof startHeartbeat
}

/** Reconnect with backoff and jitter (the `reconnect` option). */
export const reconnectFeature: WebSocketFeatures = {
  reconnect: { resolve: resolveReconnect, decide: decideReconnect, isAuthFailure, retryAfter: parseRetryAfter },
}
/** A bounded send queue while connecting or reconnecting (the `queue` option; on by default with it). */
export const queueFeature: WebSocketFeatures = { queue: createSendQueue }
/** Application and protocol pings with a pong timeout (the `heartbeat` option). */
export const heartbeatFeature: WebSocketFeatures = { heartbeat: startHeartbeat }
/** Every feature: what `createWebSocket` and `connectWebSocket` use. */
export const allWebSocketFeatures: WebSocketFeatures = {
  reconnect: { resolve: resolveReconnect, decide: decideReconnect, isAuthFailure, retryAfter: parseRetryAfter },
  queue: createSendQueue,
  heartbeat: startHeartbeat,
}
