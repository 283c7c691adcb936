import { NetworkingError } from '../errors/networking-error'

/** connect() cannot build the socket URL: no server, a missing variable or channel parameter. */
export class WsApiUrlError extends NetworkingError {
  override name = 'WsApiUrlError'
  constructor(api: string, detail: string) {
    super(`${api}: ${detail}`, { code: 'ERR_WS_API_URL' })
  }
}

/** A `request` got no reply in time, was aborted, or its connection closed first. */
export class WsRequestError extends NetworkingError {
  override name = 'WsRequestError'
  constructor(
    readonly url: string,
    /** The message sent. */
    readonly request: string,
    detail: string,
    options: { code: 'ERR_WS_REQUEST_TIMEOUT' | 'ERR_WS_REQUEST_ABORTED' | 'ERR_WS_REQUEST_CLOSED'; cause?: unknown },
  ) {
    super(`WebSocket ${url}: request ${request} ${detail}`, options)
  }
}
