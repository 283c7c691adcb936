import { createWsResponder, type WsResponder } from './ws-responder'
import type { WsMockSpec } from './ws-spec'

/** The client side of an intercepted connection, as msw 2's `ws.link` hands it over. */
export interface MswWsClient {
  send(data: string): void
  addEventListener(event: 'message', listener: (event: { data: unknown }) => void): void
}

/** The part of msw 2 the WebSocket handlers use; passed in by the generated module, which imports `msw` itself. */
export interface MswWsApi<THandler> {
  ws: { link(url: string): { addEventListener(event: 'connection', listener: (connection: { client: MswWsClient }) => void): THandler } }
}

export interface WsMockHandlerOptions {
  /**
   * The socket URL (or URLs; `*` matches any part) the handlers intercept.
   * @default each of the document's WebSocket servers joined with each channel address
   */
  url?: string | string[]
}

export interface WsMockHandlers<THandler> {
  handlers: THandler[]
  /** The shared behaviour of these handlers (what the dev mock plays too). */
  responder: WsResponder
}

/**
 * msw `ws` handlers for one AsyncAPI document: every connection to one of its socket URLs is sent
 * the document's receive examples, and each frame the client sends is answered with its reply.
 */
export function createWsMockHandlers<THandler>(spec: WsMockSpec, msw: MswWsApi<THandler>, options: WsMockHandlerOptions = {}): WsMockHandlers<THandler> {
  const responder = createWsResponder(spec)
  const urls = options.url === undefined ? spec.urls : typeof options.url === 'string' ? [options.url] : options.url
  const handlers = urls.map((url) =>
    msw.ws.link(url).addEventListener('connection', ({ client }) => {
      // On the next turn: the client's `await connect()` resolves in microtasks, and the code after it
      // (its `receive`/`on` calls) must run before the first frame is routed.
      setTimeout(() => {
        for (const frame of responder.greeting()) client.send(frame)
      }, 0)
      client.addEventListener('message', (event) => {
        void textOf(event.data).then((text) => {
          if (text !== undefined) for (const frame of responder.answer(text)) client.send(frame)
        })
      })
    }),
  )
  return { handlers, responder }
}

let decoder: TextDecoder | undefined

async function textOf(data: unknown): Promise<string | undefined> {
  if (typeof data === 'string') return data
  if (data instanceof ArrayBuffer || ArrayBuffer.isView(data)) return (decoder ??= new TextDecoder()).decode(data)
  if (typeof Blob !== 'undefined' && data instanceof Blob) return data.text()
  return undefined
}
