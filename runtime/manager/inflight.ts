import { abortedByClose } from './errors'

/**
 * The attempts `closeAll()` must abort: those waiting or in flight, and those whose body may still
 * be streaming. When a body ends cannot be seen without re-wrapping it, which doubled the cost of a
 * request; instead an entry keeps a weak reference to the body stream. While someone can read it
 * (or the connection still feeds it) it stays reachable and abortable; once dropped, the entry is
 * pruned, and the caller's signal unlinked (it must reach a body still streaming: the HTTP client's
 * attempt timeout covers the body). Aborting an attempt whose body was already read does nothing.
 */
export interface InflightEntry {
  controller: AbortController
  client: string
  method: string
  /** The redacted URL (computed when needed). */
  url: () => string
  body?: WeakRef<object>
  /** Stops forwarding the caller's abort; called when the entry goes. */
  unlink?: () => void
  /** A whole call rather than one attempt: aborted with the close reason, which the client maps. */
  whole?: boolean
}

export interface InflightSet {
  add(entry: InflightEntry): void
  /** The attempt failed or has no body: nothing left to abort. */
  delete(entry: InflightEntry): void
  /** The response arrived; keep the entry only while its body can be read. */
  settle(entry: InflightEntry, body: object | null): void
  /** Aborts everything: attempts with an error naming each request, whole calls with `reason`. */
  abortAll(reason?: unknown): void
  readonly size: number
}

const MIN_PRUNE = 256

export function createInflightSet(): InflightSet {
  let entries = new Set<InflightEntry>()
  let pruneAt = MIN_PRUNE
  const prune = (): void => {
    for (const e of entries) {
      if (e.body && e.body.deref() === undefined) {
        entries.delete(e)
        e.unlink?.()
      }
    }
    pruneAt = Math.max(MIN_PRUNE, entries.size * 2)
  }
  return {
    add(entry) {
      entries.add(entry)
      if (entries.size >= pruneAt) prune()
    },
    delete(entry) {
      entries.delete(entry)
      entry.unlink?.()
    },
    settle(entry, body) {
      if (body === null) this.delete(entry)
      else entry.body = new WeakRef(body)
    },
    abortAll(reason) {
      const all = entries
      entries = new Set()
      for (const e of all) {
        e.controller.abort(e.whole ? reason : abortedByClose(e.client, e.method, e.url()))
        e.unlink?.()
      }
    },
    get size() {
      return entries.size
    },
  }
}
