/**
 * Caps requests in flight to one origin. Waiters queue per client and are served round-robin
 * across clients, FIFO within each, so a client firing a thousand requests cannot starve another
 * client of the same origin. No timers: a slot is handed over when the previous holder releases.
 */

import { onAbort } from '../http/on-abort'

export interface Limiter {
  /** Resolves with a release function once a slot is free; rejects with the signal's reason if aborted first. */
  acquire(key: string, signal?: AbortSignal): Promise<() => void>
  readonly inFlight: number
  readonly queued: number
}

interface Waiter {
  grant: (release: () => void) => void
}

export function createLimiter(max: number): Limiter {
  const queues = new Map<string, Waiter[]>()
  let inFlight = 0
  let queued = 0

  const release = (): void => {
    // The next key in insertion order is served, then moved to the back: round-robin.
    for (const [key, queue] of queues) {
      const waiter = queue.shift()
      queues.delete(key)
      if (queue.length > 0) queues.set(key, queue)
      if (waiter) {
        queued--
        waiter.grant(once())
        return
      }
    }
    inFlight--
  }
  const once = (): (() => void) => {
    let done = false
    return () => {
      if (done) return
      done = true
      release()
    }
  }

  return {
    get inFlight() {
      return inFlight
    },
    get queued() {
      return queued
    },
    acquire(key, signal) {
      if (signal?.aborted) return Promise.reject(signal.reason)
      if (inFlight < max) {
        inFlight++
        return Promise.resolve(once())
      }
      return new Promise((resolve, reject) => {
        const abort = (): void => {
          const queue = queues.get(key)
          const index = queue?.indexOf(waiter) ?? -1
          if (queue && index >= 0) {
            queue.splice(index, 1)
            queued--
            if (queue.length === 0) queues.delete(key)
          }
          reject(signal?.reason)
        }
        const waiter: Waiter = {
          grant(releaseSlot) {
            unsubscribe?.()
            resolve(releaseSlot)
          },
        }
        const unsubscribe = signal && onAbort(signal, abort)
        const queue = queues.get(key)
        if (queue) queue.push(waiter)
        else queues.set(key, [waiter])
        queued++
      })
    },
  }
}
