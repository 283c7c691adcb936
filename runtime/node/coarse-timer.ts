/**
 * Timers for the body part of the attempt timeout at almost no cost per request: every timeout
 * above a second waits in one set checked by one shared ticker, so a request adds and removes an
 * entry rather than making a Node timer (what undici does for its own `headersTimeout`). Such a
 * timeout fires up to `TICK` ms late; a shorter one gets a Node timer of its own, exact.
 */
export interface CoarseTimer {
  clear(): void
}

const TICK = 250
const pending = new Set<Entry>()
let ticker: ReturnType<typeof setInterval> | undefined

class Entry implements CoarseTimer {
  constructor(
    readonly at: number,
    readonly fire: () => void,
  ) {}
  clear(): void {
    pending.delete(this)
  }
}

function tick(): void {
  const now = Date.now()
  for (const entry of pending) {
    if (entry.at > now) continue
    pending.delete(entry)
    entry.fire()
  }
  if (pending.size === 0) {
    clearInterval(ticker)
    ticker = undefined
  }
}

export function coarseTimeout(ms: number, fire: () => void): CoarseTimer {
  if (ms <= 1000) {
    const timer = setTimeout(fire, ms)
    return { clear: () => clearTimeout(timer) }
  }
  const entry = new Entry(Date.now() + ms, fire)
  pending.add(entry)
  if (!ticker) {
    ticker = setInterval(tick, TICK)
    // A pending timeout alone must not keep the process alive: the request's socket does that.
    ticker.unref()
  }
  return entry
}
