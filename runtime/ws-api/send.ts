import type { WsMessageDef, WsRequestContext } from './types'

/**
 * `send.<message>(payload)`: encodes and sends (or queues while reconnecting), and keeps the payload
 * for the replay after a reconnect when the message is marked `resubscribe` (once per distinct
 * payload, in the order first sent). Generated messages the client sends reference it (`out`), so
 * an app that sends nothing does not ship it.
 */
export function wsSend(context: WsRequestContext, message: WsMessageDef): (payload: unknown) => boolean {
  return (payload) => {
    const { resubscribe } = context.options
    if (resubscribe === true || (resubscribe || []).includes(message.name))
      (context.replayed ??= new Map()).set(message.name + JSON.stringify(payload), payload)
    return context.socket.send(payload)
  }
}
