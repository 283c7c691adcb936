import type { OriginLimiter } from '../manager/store'
import type { Script } from './connection'
import { num, outage, type PartContext } from './context'
import type { LeaseBook } from './leases'
import { LEASE_ACQUIRE } from './scripts'

const acquire: Script = { source: LEASE_ACQUIRE }

export interface LeaseOptions {
  ttl: number
  /** First wait before asking again for a full origin, doubled up to 8× (with jitter). */
  poll: number
}

function pause(ms: number, signal: AbortSignal | undefined): Promise<void> {
  return new Promise((resolve, reject) => {
    const done = (): void => {
      signal?.removeEventListener('abort', onAbort)
      resolve()
    }
    const onAbort = (): void => {
      clearTimeout(timer)
      reject(signal?.reason)
    }
    const timer = setTimeout(done, ms)
    signal?.addEventListener('abort', onAbort, { once: true })
  })
}

/**
 * The origin's concurrency limit across processes: the local limiter first (fair across this
 * process's clients, and never more than the maximum here), then a lease on the server, asked
 * again with backoff while the fleet holds every slot.
 */
export function redisLimiter(ctx: PartContext, key: string, max: number, local: OriginLimiter, book: LeaseBook, options: LeaseOptions): OriginLimiter {
  let seq = 0
  let waiting = 0

  const lease = async (signal: AbortSignal | undefined): Promise<string | undefined> => {
    let delay = options.poll
    waiting++
    try {
      for (;;) {
        signal?.throwIfAborted()
        const id = `${ctx.id}:${++seq}`
        let granted: boolean
        try {
          granted = num(await ctx.connection.run(acquire, key, [max, id, options.ttl])) === 1
        } catch (error) {
          return outage(ctx, error, () => undefined)
        }
        if (granted) {
          book.hold(key, id)
          if (signal?.aborted) {
            book.release(key, id)
            throw signal.reason
          }
          return id
        }
        await pause(delay * (0.5 + Math.random()), signal)
        delay = Math.min(delay * 2, options.poll * 8)
      }
    } finally {
      waiting--
    }
  }

  return {
    get inFlight() {
      return local.inFlight - waiting
    },
    get queued() {
      return local.queued + waiting
    },
    async acquire(client, signal) {
      const releaseLocal = await local.acquire(client, signal)
      let id: string | undefined
      try {
        id = await lease(signal)
      } catch (error) {
        releaseLocal()
        throw error
      }
      if (id === undefined) return releaseLocal
      let done = false
      return () => {
        if (done) return
        done = true
        releaseLocal()
        book.release(key, id)
      }
    },
  }
}
