import { handshakeFor, readToken, unprepared } from './handshake'
import { watchHeartbeat } from './heartbeat'
import { clientLogger } from './log'
import { sizeGuard } from './message-size'
import { reconnectPolicy } from './reconnect'
import { watchRefusal } from './refusal'
import { createSendQueue } from './send-queue'

/**
 * Optional parts of the WebSocket client, passed in rather than imported, so a plain client's
 * bundle leaves them out: `createWebSocketCore(url, options, { ...reconnectFeature })`.
 * `createWebSocket` and `connectWebSocket` take all of them. The members are internal: pass the
 * exported feature objects, do not build your own.
 */
export interface WebSocketFeatures {
  /** Also reads a refused handshake's status and `Retry-After` (Node, where `ws` exposes the response). */
  reconnect?: { policy: typeof reconnectPolicy; refusal: typeof watchRefusal }
  /** The send queue used while disconnected (`queue` option). */
  queue?: typeof createSendQueue
  heartbeat?: typeof watchHeartbeat
  /** The `auth` option: reading the token and placing it in the handshake. */
  wsAuth?: { token: typeof readToken; handshake: typeof handshakeFor; fail: typeof unprepared }
  /** The `logger` option. */
  wsLogger?: typeof clientLogger
  /** The `maxMessageSize` option. */
  wsMessageSize?: typeof sizeGuard
}

/** Reconnect with backoff and jitter (the `reconnect` option), and a refused handshake read as `WebSocketHandshakeError` (status, `Retry-After`). */
export const reconnectFeature: WebSocketFeatures = { reconnect: { policy: reconnectPolicy, refusal: watchRefusal } }
/** A bounded send queue while connecting or reconnecting (the `queue` option; on by default with it). */
export const queueFeature: WebSocketFeatures = { queue: createSendQueue }
/** Application and protocol pings with a pong timeout (the `heartbeat` option). */
export const heartbeatFeature: WebSocketFeatures = { heartbeat: watchHeartbeat }
/** A token in the handshake, read before every (re)connect (the `auth` option). */
export const wsAuthFeature: WebSocketFeatures = { wsAuth: { token: readToken, handshake: handshakeFor, fail: unprepared } }
/** Log events through a `Logger` (the `logger` option). */
export const wsLoggerFeature: WebSocketFeatures = { wsLogger: clientLogger }
/** A limit on message size, both ways (the `maxMessageSize` option). */
export const wsMessageSizeFeature: WebSocketFeatures = { wsMessageSize: sizeGuard }
// Spelled out, not spread: a spread at module level is not known to be pure, so bundlers would keep it.
/** Every feature: what `createWebSocket` and `connectWebSocket` use. */
export const allWebSocketFeatures: WebSocketFeatures = {
  reconnect: { policy: reconnectPolicy, refusal: watchRefusal },
  queue: createSendQueue,
  heartbeat: watchHeartbeat,
  wsAuth: { token: readToken, handshake: handshakeFor, fail: unprepared },
  wsLogger: clientLogger,
  wsMessageSize: sizeGuard,
}
