import { describe, expect, it } from 'vitest'
import { PartialSaves } from '../../../src/hmr/partial-saves'

/** Timers the test fires by hand, and a file system of one text per path: no sleeping. */
function setup() {
  const pending = new Map<number, () => void>()
  let next = 0
  const files = new Map<string, string>()
  const timers = {
    set: (fn: () => void) => {
      pending.set(++next, fn)
      return next
    },
    clear: (handle: unknown) => void pending.delete(handle as number),
  }
  const fire = async () => {
    const fns = [...pending.values()]
    pending.clear()
    for (const fn of fns) fn()
    // The check reads the file (a promise) before it decides.
    await new Promise((done) => setImmediate(done))
  }
  const saves = new PartialSaves(250, timers, async (file) => files.get(file))
  return { saves, files, pending, fire }
}

describe('PartialSaves (saves written in two steps)', () => {
  it('waits on a failure, and retries once the content stood still; that content then fails at once', async () => {
    const { saves, files, pending, fire } = setup()
    const retries: string[] = []
    files.set('a.yaml', 'openapi: 3.0.0\npaths: {')
    expect(await saves.failed('a.yaml', () => retries.push('a.yaml'))).toBe(false)
    expect(pending.size).toBe(1)
    await fire()
    expect(retries).toEqual(['a.yaml'])
    expect(await saves.failed('a.yaml', () => retries.push('again'))).toBe(true)
    expect(pending.size).toBe(0)
    // Another broken content waits again.
    files.set('a.yaml', 'openapi: 3.0.0\npaths: [')
    expect(await saves.failed('a.yaml', () => retries.push('other'))).toBe(false)
    expect(pending.size).toBe(1)
  })

  it('runs the change again when the file changed during the wait with no failure since (the watcher may have merged that save), without settling it', async () => {
    const { saves, files, fire } = setup()
    const retries: string[] = []
    files.set('a.yaml', 'openapi: 3.0.0\npaths: {')
    expect(await saves.failed('a.yaml', () => retries.push('a.yaml'))).toBe(false)
    files.set('a.yaml', 'openapi: 3.0.0\npaths: {}\n')
    await fire()
    expect(retries).toEqual(['a.yaml'])
    // The new content was never seen failing for the whole wait: if it fails, it waits again.
    expect(await saves.failed('a.yaml', () => retries.push('again'))).toBe(false)
  })

  it('a second failure restarts the wait; files wait apart; an unreadable file settles too', async () => {
    const { saves, files, pending, fire } = setup()
    const retries: string[] = []
    files.set('a.yaml', '')
    expect(await saves.failed('a.yaml', () => retries.push('first'))).toBe(false)
    expect(await saves.failed('a.yaml', () => retries.push('second'))).toBe(false)
    expect(await saves.failed('gone.yaml', () => retries.push('gone'))).toBe(false)
    expect(pending.size).toBe(2)
    await fire()
    expect(retries.sort()).toEqual(['gone', 'second'])
    expect(await saves.failed('gone.yaml', () => retries.push('never'))).toBe(true)
  })
})
