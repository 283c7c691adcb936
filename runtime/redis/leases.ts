import type { Connection, Script } from './connection'
import { ignore } from './context'
import { LEASE_RELEASE, LEASE_RENEW } from './scripts'

const release: Script = { source: LEASE_RELEASE }
const renew: Script = { source: LEASE_RENEW }

/**
 * The leases this process holds, renewed every third of their TTL while held, so a lease outlives
 * a slow request but not its process: a crashed worker's slots come back within one TTL.
 */
export interface LeaseBook {
  hold(key: string, id: string): void
  release(key: string, id: string): void
  /** Gives every held lease back (closeAll()); bounded by the connection's timeout. */
  releaseAll(): Promise<void>
  readonly size: number
}

export function createLeaseBook(connection: Connection, ttl: number): LeaseBook {
  const held = new Map<string, Set<string>>()
  let size = 0
  let timer: ReturnType<typeof setInterval> | undefined

  const tick = (): void => {
    for (const [key, ids] of held) connection.run(renew, key, [ttl, ...ids]).then(ignore, ignore)
  }
  return {
    get size() {
      return size
    },
    hold(key, id) {
      let ids = held.get(key)
      if (!ids) held.set(key, (ids = new Set()))
      ids.add(id)
      size++
      if (!timer) {
        timer = setInterval(tick, Math.max(50, ttl / 3))
        // Renewal must not keep a process alive that has nothing else to do.
        ;(timer as { unref?: () => void }).unref?.()
      }
    },
    release(key, id) {
      const ids = held.get(key)
      if (!ids?.delete(id)) return
      size--
      if (ids.size === 0) held.delete(key)
      if (size === 0 && timer) {
        clearInterval(timer)
        timer = undefined
      }
      connection.run(release, key, [id]).then(ignore, ignore)
    },
    async releaseAll() {
      if (timer) clearInterval(timer)
      timer = undefined
      const all = [...held].map(([key, ids]) => connection.run(release, key, [...ids]).then(ignore, ignore))
      held.clear()
      size = 0
      await Promise.all(all)
    },
  }
}
