import { WebSocketQueueOverflowError } from '../errors/websocket'
import type { ClientLog } from './features'
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

export interface SendQueue<T> {
  readonly size: number
  /** 'queued'; 'replaced' when the oldest was dropped to make room; 'dropped' when this one was refused; 'full' for `throw`. */
  push(item: T): 'queued' | 'replaced' | 'dropped' | 'full'
  /** Takes every message still within its time to live, oldest first; returns how many expired too. */
  take(): { items: T[]; expired: number }
  clear(): number
}

export function createSendQueue<T>(options: QueueOptions, now: () => number): SendQueue<T> {
  const { limit = 100, overflow = 'throw', ttl = Infinity } = options
  let entries: { item: T; at: number }[] = []
  return {
    get size() {
      return entries.length
    },
    push(item) {
      let result: 'queued' | 'replaced' = 'queued'
      if (entries.length >= limit) {
        if (overflow === 'throw') return 'full'
        if (overflow === 'drop-newest' || limit <= 0) return 'dropped'
        entries.shift()
        result = 'replaced'
      }
      entries.push({ item, at: now() })
      return result
    },
    take() {
      const t = now()
      const items = entries.filter((e) => t - e.at <= ttl).map((e) => e.item)
      const expired = entries.length - items.length
      entries = []
      return { items, expired }
    },
    clear() {
      const n = entries.length
      entries = []
      return n
    },
  }
}

/** The queue as the client uses it (`queueFeature`): overflow errors and log lines come with it. */
export interface ClientQueue {
  /** True when the message is queued (possibly after dropping the oldest), false when it was dropped. */
  push(data: WebSocketData): boolean
  /** Hands every message still within its time to live to `send`, oldest first. */
  flush(send: (data: WebSocketData) => void): void
  clear(): void
}

export function createClientQueue(options: QueueOptions, now: () => number, url: string, log: ClientLog): ClientQueue {
  const q = createSendQueue<WebSocketData>(options, now)
  return {
    push(data) {
      const result = q.push(data)
      if (result === 'full') throw new WebSocketQueueOverflowError(url, options.limit ?? 100)
      if (result !== 'queued') log('warn', 'ws.queue', 'send queue full: dropped a message')
      return result !== 'dropped'
    },
    flush(send) {
      const { items, expired } = q.take()
      if (expired) log('warn', 'ws.queue', `dropped ${expired} queued messages past their time to live`, { expired })
      for (const item of items) send(item)
    },
    clear() {
      const dropped = q.clear()
      if (dropped) log('warn', 'ws.queue', `dropped ${dropped} queued messages on close`, { dropped })
    },
  }
}
