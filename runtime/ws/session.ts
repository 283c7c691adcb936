import { NetworkingError } from '../errors/networking-error'
import type { watchHeartbeat } from './heartbeat'
import type { SizeGuard } from './message-size'
import type { CloseInfo, Codec, HeartbeatOptions, Timers, WebSocketLike } from './types'

export interface SessionOptions<In> {
  shownUrl: string
  codec: Codec<In, never>
  /** The `maxMessageSize` check (`wsMessageSizeFeature`), when a limit is set. */
  guard?: SizeGuard
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
  const { shownUrl: shown, guard, heartbeat: hbo } = o
  let cause: unknown
  /** What we report when we closed the socket ourselves for a reason the peer may not echo. */
  let forced: CloseInfo | undefined
  const hb = hbo && o.watch!(s, hbo, shown, o.timers, on)

  s.onmessage = ({ data }) => {
    hb?.seen()
    const tooBig = guard?.inbound(s, data)
    if (tooBig) {
      forced = tooBig
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
    forced = guard?.inbound(s, undefined, cause as { code?: string }) ?? forced
  }
  s.onclose = (event) => on.closed(forced ?? { code: event.code, reason: event.reason, wasClean: event.wasClean }, cause)
  return { stop: () => hb?.stop() }
}
