// worker.ts: run it N times, on as many machines, against one Redis. Every process keeps the same
// origin's limits together: 10 requests a second and 4 in flight in all, not per process.
import { createNetworkManager, httpClient, rateLimiting } from '@codomyrmex/networking/runtime'
import { createRedisStore } from '@codomyrmex/networking/redis'
import { Redis } from 'ioredis'

export async function crawl(urls: string[], redisUrl = 'redis://127.0.0.1:6379') {
  // Fail fast while disconnected; the store bounds every call by its own `timeout` too.
  const redis = new Redis(redisUrl, { enableOfflineQueue: false, maxRetriesPerRequest: 1 })
  const manager = createNetworkManager({
    store: createRedisStore({ redis, prefix: 'crawler:', onOutage: 'fail-open' }),
    features: [rateLimiting],
    policy: { maxConcurrent: 4, rateLimit: { rate: 10 }, breaker: { failureRatio: 0.5 } },
    clients: { web: httpClient({ retry: { limit: 2 } }) },
  })
  const web = manager.get('web')
  try {
    // One worker's 429 + Retry-After pauses them all; failures anywhere open the breaker everywhere.
    return await Promise.all(urls.map((url) => web.get<string>(url, { responseType: 'text' })))
  } finally {
    console.log(manager.metrics().store) // { kind: 'redis', state: 'up', outages: 0, fallbacks: 0, ... }
    await manager.closeAll() // gives leases back and quits the Redis client
  }
}
