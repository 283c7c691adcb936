/**
 * Received messages waiting for `receive()` / `for await`. Bounded: past `limit` the oldest is
 * dropped, so a consumer that only uses event callbacks never grows it without end.
 */
export interface Inbox<T> extends AsyncIterable<T> {
  push(message: T): void
  /** The next message; rejects with `ended()`'s error once ended and empty. */
  next(): Promise<T>
  /** No more messages: pending and later `next()` calls reject; `quiet` makes iteration just stop. */
  end(error: () => Error, quiet: boolean): void
}

export function createInbox<T>(limit: number): Inbox<T> {
  const buffer: T[] = []
  const waiters: { resolve(message: T): void; reject(error: unknown): void }[] = []
  let ended: (() => Error) | undefined
  let quiet = false
  const inbox: Inbox<T> = {
    push(message) {
      const waiter = waiters.shift()
      if (waiter) waiter.resolve(message)
      else if (buffer.push(message) > limit) buffer.shift()
    },
    next() {
      if (buffer.length) return Promise.resolve(buffer.shift() as T)
      if (ended) return Promise.reject(ended())
      return new Promise((resolve, reject) => waiters.push({ resolve, reject }))
    },
    end(error, isQuiet) {
      ended = error
      quiet = isQuiet
      for (const w of waiters.splice(0)) w.reject(error())
    },
    async *[Symbol.asyncIterator]() {
      for (;;) {
        try {
          yield await inbox.next()
        } catch (error) {
          if (ended && quiet) return
          throw error
        }
      }
    },
  }
  return inbox
}
