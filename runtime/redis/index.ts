/**
 * `@codomyrmex/networking/redis` (Node): a store that shares the network manager's per-origin
 * state (concurrency, token bucket and rate-limit pauses, retry budget, circuit breaker) through
 * Redis, so a fleet of processes keeps one origin's limits together. Never in a browser build.
 */
export { createRedisStore, type RedisStore, type RedisStoreOptions } from './store'
export { fromNodeRedis, type NodeRedisLike } from './node-redis'
export type { RedisScriptClient } from './connection'
export { originKey } from './keys'
