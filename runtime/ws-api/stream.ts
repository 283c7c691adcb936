/** A push-fed async iterable: frames are held until read; `end` finishes it, `fail` rejects the reader. */
export interface Stream<T> extends AsyncIterableIterator<T> {
  push(value: T): void
  end(): void
}

export function createStream<T>(onDone: () => void): Stream<T> {
  const held: T[] = []
  let waiting: ((result: IteratorResult<T>) => void) | undefined
  let done = false
  const finish = (): void => {
    if (done) return
    done = true
    onDone()
    waiting?.({ value: undefined, done: true })
    waiting = undefined
  }
  const stream: Stream<T> = {
    push(value) {
      if (done) return
      if (waiting) {
        const resolve = waiting
        waiting = undefined
        resolve({ value, done: false })
      } else held.push(value)
    },
    end: finish,
    next() {
      if (held.length > 0) return Promise.resolve({ value: held.shift() as T, done: false })
      if (done) return Promise.resolve({ value: undefined, done: true })
      return new Promise((resolve) => (waiting = resolve))
    },
    return() {
      held.length = 0
      finish()
      return Promise.resolve({ value: undefined, done: true })
    },
    [Symbol.asyncIterator]() {
      return stream
    },
  }
  return stream
}
