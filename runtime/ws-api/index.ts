export { connectWsApi, defineWsApi } from './connect'
export { WsApiUrlError, WsRequestError } from './errors'
export type { WsApiBaseOptions, WsApiConnectOptions, WsApiConnection, WsApiDef, WsMessageDef, WsRequestOptions, WsSecurityDef } from './types'
