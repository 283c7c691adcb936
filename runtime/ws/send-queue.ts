import { WebSocketQueueOverflowError } from '../errors/websocket'
import type { ClientLog } from './log'
import type { WebSocketData } from './types'

/**
 * The bounded queue of messages sent while disconnected, flushed in order on (re)open. Pure: the
 * clock is passed in. Stale messages can do harm after a reconnect (Marfusios/websocket-client#142),
 * hence the time to live; some protocols cannot replay at all (share/sharedb#608), hence `false`.
 */

export type QueueOverflow = 'throw' | 'drop-oldest' | 'drop-newest'

export interface QueueOptions {
  /** Most messages held while disconnected. @default 100 */
  limit?: number
  /** What happens to a message sent when the queue is full. @default 'throw' */
  overflow?: QueueOverflow
  /** A queued message older than this (ms) is dropped instead of sent. @default Infinity */
  ttl?: number
}

/** The queue as the client uses it (`queueFeature`): overflow errors and log lines come with it. */
export interface SendQueue {
  /** True when the message is queued (possibly after dropping the oldest), false when it was dropped. */
  push(data: WebSocketData): boolean
  /** Hands every message still within its time to live to `send`, oldest first. */
  flush(send: (data: WebSocketData) => void): void
  clear(): void
}

export function createSendQueue(options: QueueOptions, now: () => number, url: string, log: ClientLog): SendQueue {
  const { limit = 100, overflow = 'throw', ttl = Infinity } = options
  let entries: { data: WebSocketData; at: number }[] = []
  const dropped = (n: number, why: string, field: string): void => {
    if (n) log('warn', 'ws.queue', `dropped ${n} queued messages ${why}`, { [field]: n })
  }
  return {
    push(data) {
      if (entries.length >= limit) {
        if (overflow === 'throw') throw new WebSocketQueueOverflowError(url, limit)
        log('warn', 'ws.queue', 'send queue full: dropped a message')
        if (overflow === 'drop-newest' || limit <= 0) return false
        entries.shift()
      }
      entries.push({ data, at: now() })
      return true
    },
    flush(send) {
      const t = now()
      const fresh = entries.filter((e) => t - e.at <= ttl)
      dropped(entries.length - fresh.length, 'past their time to live', 'expired')
      entries = []
      for (const e of fresh) send(e.data)
    },
    clear() {
      dropped(entries.length, 'on close', 'dropped')
      entries = []
    },
  }
}
