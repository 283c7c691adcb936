import type { Timers } from './types'

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
