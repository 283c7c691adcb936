import type { LogLevel } from '../log/types'
import type { RetryBudgetOptions } from '../policy/budget'
import type { OriginParts, OriginStore, StoreMetrics } from '../manager/store'
import { redisBreaker } from './breaker'
import { redisBucket } from './bucket'
import { redisBudget } from './budget'
import { createConnection, type RedisScriptClient } from './connection'
import type { PartContext } from './context'
import { keyFor } from './keys'
import { createLeaseBook } from './leases'
import { redisLimiter } from './limiter'

export interface RedisStoreOptions {
  /** A connected client: an ioredis `Redis` as it is, node-redis through `fromNodeRedis()`. */
  redis: RedisScriptClient
  /** Namespace of every key. @default 'codomyrmex:' */
  prefix?: string
  /**
   * While Redis does not answer: `fail-open` decides with this process's own limits (logged once
   * per outage, counted in `metrics().store.fallbacks`); `fail-closed` refuses every request at
   * once with `StoreUnavailableError`. @default 'fail-open'
   */
  onOutage?: 'fail-open' | 'fail-closed'
  /**
   * The longest one call waits for Redis, in ms. The first call that meets a dead server waits at
   * most this long, then the store is down and calls decide at once without it. @default 250
   */
  timeout?: number
  /** While down, one call per this many ms tries Redis again; the first that succeeds brings it back. @default 1000 */
  recheck?: number
  /**
   * Lifetime of a concurrency lease and of the half-open probe lease, in ms. Held leases are
   * renewed every third of it; a crashed process's come back after at most this long. @default 10000
   */
  leaseTtl?: number
  /** First wait before asking again for a slot when the fleet holds every one, in ms (backs off to 8×). @default 10 */
  leasePoll?: number
  /** The fleet's retry budget per origin (on top of each process's own); `false` turns it off. @default {} */
  budget?: RetryBudgetOptions | false
  /** `closeAll()` quits the client. Set `false` when the client is shared with other code (a job queue). @default true */
  closeClient?: boolean
}

export interface RedisStore extends OriginStore {
  readonly kind: 'redis'
  /** Names this store's leases and probes in Redis (unique per store). */
  readonly id: string
  metrics(): StoreMetrics
  close(): Promise<void>
}

/**
 * Per-origin limits, rate-limit pauses, retry budget and circuit breaker shared by every manager
 * (in any process, on any machine) that uses the same Redis and prefix:
 * `createNetworkManager({ store: createRedisStore({ redis }) , ... })`.
 */
export function createRedisStore(options: RedisStoreOptions): RedisStore {
  const { redis, prefix = 'codomyrmex:', onOutage = 'fail-open', timeout = 250, recheck = 1_000, leaseTtl = 10_000, leasePoll = 10, budget = {} } = options
  for (const [name, value] of Object.entries({ timeout, recheck, leaseTtl, leasePoll })) {
    if (!(typeof value === 'number' && value > 0 && Number.isFinite(value)))
      throw new TypeError(`createRedisStore: ${name} must be a positive number of ms (got ${String(value)})`)
  }
  if (onOutage !== 'fail-open' && onOutage !== 'fail-closed')
    throw new TypeError(`createRedisStore: onOutage must be 'fail-open' or 'fail-closed' (got ${String(onOutage)})`)
  if (typeof redis?.evalsha !== 'function' || typeof redis.eval !== 'function') {
    throw new TypeError('createRedisStore: redis must be a Redis client with evalsha() and eval() (an ioredis Redis, or fromNodeRedis(client))')
  }
  const id = globalThis.crypto.randomUUID()
  // The manager's logger, once one has opened an origin here.
  let log = (_level: LogLevel, _event: string, _message: string): void => {}
  const connection = createConnection({ client: redis, timeout, recheck, now: Date.now, log: (...args) => log(...args) })
  const book = createLeaseBook(connection, leaseTtl)
  let closed: Promise<void> | undefined

  return {
    kind: 'redis',
    id,
    open(origin, context): OriginParts {
      log = context.log
      const ctx: PartContext = { connection, origin, id, failClosed: onOutage === 'fail-closed', now: context.now }
      const { policy, local } = context
      const parts: OriginParts = {
        limiter: Number.isFinite(policy.maxConcurrent)
          ? redisLimiter(ctx, keyFor(prefix, origin, 'leases'), policy.maxConcurrent, local.limiter, book, { ttl: leaseTtl, poll: leasePoll })
          : local.limiter,
        bucket: policy.rateLimit && local.bucket ? redisBucket(ctx, keyFor(prefix, origin, 'bucket'), policy.rateLimit, local.bucket) : undefined,
        breaker:
          policy.breaker && local.breaker
            ? redisBreaker(ctx, keyFor(prefix, origin, 'breaker'), policy.breaker, leaseTtl, local.breaker, context.breakerChanged)
            : undefined,
      }
      if (budget) parts.budget = redisBudget(ctx, keyFor(prefix, origin, 'budget'), budget)
      return parts
    },
    metrics() {
      return { kind: 'redis', state: connection.down ? 'down' : 'up', ...connection.counts }
    },
    close() {
      closed ??= (async () => {
        await book.releaseAll()
        if (options.closeClient === false) return
        let timer: ReturnType<typeof setTimeout> | undefined
        // A dead server must not hold closeAll(): quit is bounded, then the link is dropped.
        const quit = Promise.resolve(redis.quit?.()).catch(() => undefined)
        const late = new Promise<'late'>((resolve) => (timer = setTimeout(() => resolve('late'), timeout)))
        if ((await Promise.race([quit, late])) === 'late') redis.disconnect?.()
        clearTimeout(timer)
      })()
      return closed
    },
  }
}
