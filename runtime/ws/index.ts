export { connectWebSocket, createWebSocket, createWebSocketCore } from './client'
export {
  reconnectFeature,
  queueFeature,
  heartbeatFeature,
  wsAuthFeature,
  wsLoggerFeature,
  wsMessageSizeFeature,
  allWebSocketFeatures,
  type WebSocketFeatures,
} from './features'
export { jsonCodec, rawCodec } from './codec'
export type { QueueOptions, QueueOverflow } from './send-queue'
export type { ReconnectOptions } from './reconnect'
export type {
  CloseInfo,
  Codec,
  HeartbeatOptions,
  TokenSource,
  WebSocketAuth,
  WebSocketClient,
  WebSocketConstructor,
  WebSocketData,
  WebSocketEvents,
  WebSocketLike,
  WebSocketOptions,
  WebSocketState,
} from './types'
export {
  WebSocketClosedError,
  WebSocketConnectError,
  WebSocketHandshakeError,
  WebSocketHeartbeatTimeoutError,
  WebSocketMessageTooBigError,
  WebSocketQueueOverflowError,
} from '../errors/websocket'
