export { wsHandshakeAuth } from './auth'
export { connectWsApi } from './connect'
export { WsApiUrlError, WsRequestError } from './errors'
export { wsRequest } from './request'
export { wsSend } from './send'
export { wsFill } from './url'
export type {
  HandshakeAuth,
  WsApiBaseOptions,
  WsApiConnectOptions,
  WsApiConnection,
  WsApiDef,
  WsConnectionOf,
  WsMatcher,
  WsMessage,
  WsMessageDef,
  WsRequestContext,
  WsRequester,
  WsRequestOptions,
  WsRole,
  WsSecurityDef,
} from './types'
