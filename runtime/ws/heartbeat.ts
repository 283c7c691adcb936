import { WebSocketHeartbeatTimeoutError } from '../errors/websocket'
import { abandon } from './dial'
import type { CloseInfo, HeartbeatOptions, Timers, WebSocketLike } from './types'

/**
 * Liveness check. Every `interval` ms it pings; if nothing at all arrives (a message, a pong
 * message, a protocol pong) within `timeout` ms of that ping, the peer is declared dead. So a dead
 * peer is found within interval + timeout. Browsers can neither send nor see ping frames, hence an
 * application-level ping message (tutao/tutanota#4151); on `ws` a protocol ping goes out as well.
 */
export interface Heartbeat {
  /** Call on any inbound traffic. */
  seen(): void
  stop(): void
}

export function startHeartbeat(interval: number, timeout: number, ping: () => void, onTimeout: () => void, timers: Timers): Heartbeat {
  let tick: unknown
  let deadline: unknown
  const schedule = (): void => {
    tick = timers.setTimeout(() => {
      if (deadline === undefined) {
        deadline = timers.setTimeout(() => {
          stop()
          onTimeout()
        }, timeout)
      }
      ping()
      schedule()
    }, interval)
  }
  const stop = (): void => {
    timers.clearTimeout(tick)
    timers.clearTimeout(deadline)
  }
  schedule()
  return {
    seen() {
      timers.clearTimeout(deadline)
      deadline = undefined
    },
    stop,
  }
}

/**
 * The heartbeat of one open socket (`heartbeatFeature`): pings by message and, on `ws`, by
 * protocol frame; once the peer stops answering it reports the timeout error, drops the socket
 * and ends the session with close code 4000.
 */
export function watchHeartbeat(
  s: WebSocketLike,
  o: HeartbeatOptions,
  url: string,
  timers: Timers,
  on: { error(error: Error): void; closed(info: CloseInfo, cause: unknown): void },
): { seen(): void; isPong(data: unknown): boolean; stop(): void } {
  const hb = startHeartbeat(
    o.interval,
    o.timeout,
    () => {
      if (o.message !== undefined) s.send(o.message as never)
      if (o.protocolPing !== false) s.ping?.()
    },
    () => {
      const error = new WebSocketHeartbeatTimeoutError(url, o.timeout)
      on.error(error)
      abandon(s)
      on.closed({ code: 4000, reason: 'heartbeat timeout', wasClean: false }, error)
    },
    timers,
  )
  s.on?.('pong', hb.seen)
  const { pong } = o
  return { ...hb, isPong: (data) => pong !== undefined && (typeof pong === 'string' ? data === pong : pong(data)) }
}
