import { describe, expect, it } from 'vitest'
import { createLimiter } from '../../../runtime/manager/limiter'

const tick = () => new Promise((r) => setTimeout(r, 0))

describe('concurrency limiter', () => {
  it('grants up to max at once, then queues', async () => {
    const limiter = createLimiter(2)
    const a = await limiter.acquire('x')
    await limiter.acquire('x')
    let third = false
    void limiter.acquire('x').then(() => (third = true))
    await tick()
    expect([limiter.inFlight, limiter.queued, third]).toEqual([2, 1, false])
    a()
    a() // releasing twice frees one slot only
    await tick()
    expect([limiter.inFlight, limiter.queued, third]).toEqual([2, 0, true])
  })

  it('serves clients round-robin, each in FIFO order', async () => {
    const limiter = createLimiter(1)
    const first = await limiter.acquire('busy')
    const order: string[] = []
    const wait = (key: string, label: string) =>
      limiter.acquire(key).then((release) => {
        order.push(label)
        release()
      })
    const all = [wait('busy', 'busy1'), wait('busy', 'busy2'), wait('busy', 'busy3'), wait('quiet', 'quiet1'), wait('other', 'other1')]
    first()
    await Promise.all(all)
    expect(order).toEqual(['busy1', 'quiet1', 'other1', 'busy2', 'busy3'])
    expect([limiter.inFlight, limiter.queued]).toEqual([0, 0])
  })

  it('an aborted waiter leaves the queue and rejects with the reason', async () => {
    const limiter = createLimiter(1)
    const hold = await limiter.acquire('a')
    const controller = new AbortController()
    const waiting = limiter.acquire('a', controller.signal)
    expect(limiter.queued).toBe(1)
    controller.abort(new Error('stop'))
    await expect(waiting).rejects.toThrow('stop')
    expect(limiter.queued).toBe(0)
    hold()
    expect(limiter.inFlight).toBe(0)
    await expect(limiter.acquire('a', controller.signal)).rejects.toThrow('stop')
  })

  it('an abort after the grant changes nothing', async () => {
    const limiter = createLimiter(1)
    const controller = new AbortController()
    const release = await limiter.acquire('a', controller.signal)
    controller.abort()
    expect(limiter.inFlight).toBe(1)
    release()
    expect(limiter.inFlight).toBe(0)
  })
})
