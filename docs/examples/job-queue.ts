// A job queue's processor that reschedules a rate-limited job instead of sleeping in the worker.
// Written for BullMQ (`new Worker('pages', processor(DelayedError), { connection })`): on
// RateLimitedError, move the job to the delayed set until the server's `retryAt` and give the
// worker back. Other queues have the same move (bee-queue `retries`/`delayUntil`, pg-boss `startAfter`).
import { createNetworkManager, httpClient, CircuitOpenError, RateLimitedError, rateLimiting } from '@codomyrmex/networking/runtime'
import { createRedisStore } from '@codomyrmex/networking/redis'
import { Redis } from 'ioredis'

/** The part of a BullMQ `Job` used here. */
interface Job {
  data: { url: string }
  moveToDelayed(timestamp: number, token?: string): Promise<void>
}

// The queue's connection can be shared: the store then must not quit it on closeAll().
const redis = new Redis({ maxRetriesPerRequest: null, lazyConnect: true })
const manager = createNetworkManager({
  store: createRedisStore({ redis, closeClient: false }),
  features: [rateLimiting],
  policy: { rateLimit: { rate: 5 } },
  // maxRetryAfter: 0 turns every Retry-After into RateLimitedError at once: the queue waits, not us.
  clients: { api: httpClient({ retry: { limit: 2, maxRetryAfter: 0 } }) },
})

export function processor(DelayedError: new () => Error) {
  return async (job: Job, token?: string): Promise<unknown> => {
    try {
      return await manager.get('api').get(job.data.url)
    } catch (error) {
      const retryAt = error instanceof RateLimitedError ? error.retryAt.getTime() : error instanceof CircuitOpenError ? error.retryAt : undefined
      if (retryAt === undefined) throw error
      await job.moveToDelayed(retryAt, token)
      throw new DelayedError() // tells BullMQ the job was moved, not failed
    }
  }
}
