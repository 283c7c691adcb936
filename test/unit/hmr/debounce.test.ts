import { describe, expect, it } from 'vitest'
import { debounce } from '../../../src/hmr/debounce'
import { ServedCode } from '../../../src/hmr/served-code'

/** Timers the test fires by hand: no sleeping. */
function manualTimers() {
  const pending = new Map<number, () => void>()
  let next = 0
  return {
    pending,
    set: (fn: () => void) => {
      pending.set(++next, fn)
      return next
    },
    clear: (handle: unknown) => void pending.delete(handle as number),
    fire: () => {
      const fns = [...pending.values()]
      pending.clear()
      for (const fn of fns) fn()
    },
  }
}

describe('debounce (declaration writes)', () => {
  it('runs once for a burst of calls, after the last one', async () => {
    const timers = manualTimers()
    let runs = 0
    const write = debounce(async () => void runs++, 100, timers)
    write()
    write()
    write()
    expect(timers.pending.size).toBe(1)
    expect(runs).toBe(0)
    timers.fire()
    await write.flush()
    expect(runs).toBe(1)
  })

  it('postpone restarts a scheduled run and schedules nothing when none is', async () => {
    const timers = manualTimers()
    let runs = 0
    const write = debounce(async () => void runs++, 100, timers)
    write.postpone()
    expect(timers.pending.size).toBe(0)
    write()
    const [first] = timers.pending.keys()
    write.postpone()
    expect([...timers.pending.keys()]).not.toContain(first)
    expect(timers.pending.size).toBe(1)
    timers.fire()
    await write.flush()
    expect(runs).toBe(1)
    write.postpone()
    expect(timers.pending.size).toBe(0)
  })

  it('a call during a run schedules exactly one more run; failures do not stop later runs', async () => {
    const timers = manualTimers()
    const order: string[] = []
    let release: () => void = () => {}
    let first = true
    const write = debounce(
      () =>
        new Promise<void>((done, fail) => {
          order.push('start')
          if (first) {
            first = false
            release = () => fail(new Error('disk full'))
          } else done()
        }),
      100,
      timers,
    )
    write()
    timers.fire()
    write()
    write()
    const flushed = write.flush() // fires the second timer while the first run is still going
    expect(order).toEqual(['start'])
    release()
    await flushed
    await new Promise((r) => setImmediate(r))
    await write.flush()
    expect(order).toEqual(['start', 'start'])
  })

  it('flush with nothing pending resolves at once', async () => {
    const write = debounce(async () => undefined, 100, manualTimers())
    await expect(write.flush()).resolves.toBeUndefined()
  })
})

describe('ServedCode', () => {
  it('reports a change only when the code differs from what was served, and after a failure', () => {
    const served = new ServedCode()
    expect(served.changed('a', 'x')).toBe(true)
    served.record('a', 'x')
    expect(served.changed('a', 'x')).toBe(false)
    expect(served.changed('a', 'y')).toBe(true)
    served.forget('a')
    expect(served.changed('a', 'x')).toBe(true)
  })
})
