import { afterEach, describe, expect, it, vi } from 'vitest'
import { ManagerClosedError } from '../../../runtime/manager/errors'
import { createInflightSet, type InflightEntry } from '../../../runtime/manager/inflight'

const entry = (n: number, unlinked: number[] = []): InflightEntry => ({
  controller: new AbortController(),
  client: 'c',
  method: 'GET',
  url: () => `https://a.example/${n}`,
  unlink: () => void unlinked.push(n),
})

afterEach(() => {
  vi.unstubAllGlobals()
})

describe('in-flight set', () => {
  it('aborts every entry with an error naming its request, then forgets them', () => {
    const set = createInflightSet()
    const unlinked: number[] = []
    const a = entry(1, unlinked)
    const b = entry(2, unlinked)
    set.add(a)
    set.add(b)
    set.settle(b, new ReadableStream())
    set.abortAll()
    expect(a.controller.signal.reason).toBeInstanceOf(ManagerClosedError)
    expect((b.controller.signal.reason as Error).message).toBe('Network manager closed: client "c" GET https://a.example/2: aborted by closeAll()')
    expect(unlinked).toEqual([1, 2])
    expect(set.size).toBe(0)
  })

  it('drops an entry when it fails or has no body', () => {
    const set = createInflightSet()
    const unlinked: number[] = []
    const a = entry(1, unlinked)
    const b = entry(2, unlinked)
    set.add(a)
    set.add(b)
    set.delete(a)
    set.settle(b, null)
    expect([set.size, unlinked]).toEqual([0, [1, 2]])
  })

  it('prunes entries whose body stream was collected, keeping live ones', () => {
    // Stand-in for garbage collection: bodies marked dead deref to undefined.
    const dead = new WeakSet<object>()
    vi.stubGlobal(
      'WeakRef',
      class<T extends object> {
        constructor(private readonly target: T) {}
        deref(): T | undefined {
          return dead.has(this.target) ? undefined : this.target
        }
      },
    )
    const set = createInflightSet()
    const unlinked: number[] = []
    const bodies: ReadableStream[] = []
    for (let i = 0; i < 255; i++) {
      const e = entry(i, unlinked)
      set.add(e)
      const body = new ReadableStream()
      bodies.push(body)
      set.settle(e, body)
      if (i % 2 === 0) dead.add(body)
    }
    expect(set.size).toBe(255)
    set.add(entry(999)) // reaching 256 prunes the 128 dead ones
    expect(set.size).toBe(128)
    expect(unlinked).toHaveLength(128)
    expect(unlinked.every((n) => n % 2 === 0)).toBe(true)
  })
})
