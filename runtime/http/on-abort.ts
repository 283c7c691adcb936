interface Fan {
  subscribers: Set<() => void>
  listener: () => void
}

const fans = new WeakMap<AbortSignal, Fan>()

/**
 * Runs `fn` once when `signal` aborts; returns the unsubscribe function. However many calls share
 * one signal (a scraper passes one to hundreds), the signal gets one listener: Node prints
 * MaxListenersExceededWarning past ten on an AbortSignal, and `events.setMaxListeners` is a
 * `node:` import the runtime cannot make. The last subscriber to leave removes the listener.
 */
export function onAbort(signal: AbortSignal, fn: () => void): () => void {
  let fan = fans.get(signal)
  if (!fan) {
    const subscribers = new Set<() => void>()
    const listener = (): void => {
      fans.delete(signal)
      for (const s of subscribers) s()
    }
    fan = { subscribers, listener }
    fans.set(signal, fan)
    signal.addEventListener('abort', listener, { once: true })
  }
  // A fresh function per subscription: the same `fn` may be subscribed twice.
  const entry = (): void => fn()
  const { subscribers, listener } = fan
  subscribers.add(entry)
  return () => {
    if (!subscribers.delete(entry) || subscribers.size > 0) return
    signal.removeEventListener('abort', listener)
    if (fans.get(signal)?.subscribers === subscribers) fans.delete(signal)
  }
}
