import { WsRequestError } from './errors'
import { readPointer } from './route'
import type { WsMessageDef, WsRequestContext, WsRequestOptions } from './types'

/**
 * `request.<message>(payload)`: sends and resolves with the reply whose correlation id (read at the
 * same pointer on the reply) equals the request's, or with the next reply when there is none.
 * Generated request messages reference this function, so an app that sends no request does not
 * ship it.
 */
export function wsRequest(context: WsRequestContext, message: WsMessageDef): (payload: unknown, init?: WsRequestOptions) => Promise<unknown> {
  const send = message.out?.(context, message) ?? context.socket.send
  return (payload, init = {}) => request(context, message, send, payload, init)
}

function request(
  context: WsRequestContext,
  message: WsMessageDef,
  send: (payload: unknown) => boolean,
  payload: unknown,
  init: WsRequestOptions,
): Promise<unknown> {
  const { socket } = context
  const taps = (context.taps ??= new Set())
  const { name, correlation: pointer } = message
  const replies = (message.replies?.() ?? []).map((m) => m.name)
  let id = pointer === undefined ? undefined : readPointer(payload, pointer)
  // A correlation id the caller left out is filled in, so concurrent requests cannot be confused.
  if (pointer !== undefined && id === undefined && /^\/[^/]+$/.test(pointer) && typeof payload === 'object' && payload !== null) {
    id = context.lastId = (context.lastId ?? 0) + 1
    payload = { ...(payload as object), [pointer.slice(1).replace(/~1/g, '/').replace(/~0/g, '~')]: id }
  }
  const timeout = init.timeout ?? context.options.requestTimeout ?? 10_000
  return new Promise((resolve, reject) => {
    const fail = (detail: string, code: 'ERR_WS_REQUEST_TIMEOUT' | 'ERR_WS_REQUEST_ABORTED' | 'ERR_WS_REQUEST_CLOSED', cause?: unknown): void =>
      settle(new WsRequestError(socket.url, name, detail, { code, cause }))
    const onAbort = (): void => fail('was aborted', 'ERR_WS_REQUEST_ABORTED', init.signal?.reason)
    const offState = socket.on('state', (state) => {
      if (state === 'closed') fail('failed: the connection closed', 'ERR_WS_REQUEST_CLOSED')
    })
    const tap = (names: string[], frame: unknown): boolean => {
      if (!names.some((n) => replies.includes(n))) return false
      if (pointer !== undefined && readPointer(frame, pointer) !== id) return false
      settle(undefined, frame)
      return true
    }
    const timer = setTimeout(() => fail(`got no reply within ${timeout} ms`, 'ERR_WS_REQUEST_TIMEOUT'), timeout)
    function settle(error?: Error, value?: unknown): void {
      clearTimeout(timer)
      offState()
      init.signal?.removeEventListener('abort', onAbort)
      taps.delete(tap)
      if (error) reject(error)
      else resolve(value)
    }
    if (init.signal?.aborted) return onAbort()
    init.signal?.addEventListener('abort', onAbort, { once: true })
    taps.add(tap)
    try {
      send(payload)
    } catch (error) {
      settle(error as Error)
    }
  })
}
