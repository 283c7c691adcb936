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
  /** 'queued', or 'dropped' when a message was discarded to make room or refused; 'full' for `throw`. */
  push(item: T): 'queued' | 'dropped' | 'full'
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
      let result: 'queued' | 'dropped' = 'queued'
      if (entries.length >= limit) {
        if (overflow === 'throw') return 'full'
        if (overflow === 'drop-newest' || limit <= 0) return 'dropped'
        entries.shift()
        result = 'dropped'
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
