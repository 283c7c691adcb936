import { NetworkingError } from '../errors/networking-error'
import { WebSocketMessageTooBigError } from '../errors/websocket'
import { abandon } from './dial'
import { oversize } from './handshake'
import type { watchHeartbeat } from './heartbeat'
import type { CloseInfo, Codec, HeartbeatOptions, Timers, WebSocketLike } from './types'

export interface SessionOptions<In> {
  shownUrl: string
  codec: Codec<In, never>
  maxMessageSize?: number
  heartbeat?: HeartbeatOptions
  timers: Timers
  /** `heartbeatFeature`; required when `heartbeat` is set. */
  watch?: typeof watchHeartbeat
}

export interface SessionEvents<In> {
  message(message: In): void
  error(error: Error): void
  /** Called once, when the socket is gone (closed, or dropped by the heartbeat). */
  closed(info: CloseInfo, cause: unknown): void
}

/**
 * One open socket's inbound side: size limit, heartbeat, pong filtering, decoding, and the close
 * it ends with. The client above decides what a close means (reconnect or not).
 */
export function attachSession<In>(s: WebSocketLike, o: SessionOptions<In>, on: SessionEvents<In>): { stop(): void } {
  const { shownUrl: shown, maxMessageSize: max, heartbeat: hbo } = o
  let cause: unknown
  /** What we report when we closed the socket ourselves for a reason the peer may not echo. */
  let forced: CloseInfo | undefined
  const tooBig = (size: number | undefined, error?: unknown): void => {
    forced = { code: 1009, reason: 'message too big', wasClean: false }
    on.error(new WebSocketMessageTooBigError(shown, size, max ?? 0, error))
  }
  const hb =
    hbo &&
    o.watch!(s, hbo, shown, o.timers, (error) => {
      on.error(error)
      abandon(s)
      on.closed({ code: 4000, reason: 'heartbeat timeout', wasClean: false }, error)
    })

  s.onmessage = ({ data }) => {
    hb?.seen()
    const size = oversize(data, max)
    if (size !== undefined) {
      tooBig(size)
      try {
        s.close(1009, 'message too big')
      } catch {
        // Browsers only let scripts send 1000 and 3000-4999.
        s.close(4009, 'message too big')
      }
      return
    }
    if (hb?.isPong(data)) return
    let message: In
    try {
      message = o.codec.decode(data as string)
    } catch (error) {
      on.error(new NetworkingError(`WebSocket ${shown}: could not decode a message`, { code: 'ERR_WS_DECODE', cause: error }))
      return
    }
    on.message(message)
  }
  s.onerror = (event) => {
    cause = (event as { error?: unknown }).error ?? event
    // `ws` enforces maxPayload itself and sends 1009, but reports 1006 locally.
    if ((cause as { code?: string }).code === 'WS_ERR_UNSUPPORTED_MESSAGE_LENGTH') tooBig(undefined, cause)
  }
  s.onclose = (event) => on.closed(forced ?? { code: event.code, reason: event.reason, wasClean: event.wasClean }, cause)
  return { stop: () => hb?.stop() }
}
