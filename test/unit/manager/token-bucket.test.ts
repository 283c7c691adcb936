import { describe, expect, it } from 'vitest'
import { createTokenBucket } from '../../../runtime/manager/token-bucket'

function fixture(options: Parameters<typeof createTokenBucket>[0]) {
  let t = 1_000_000
  return { bucket: createTokenBucket(options, () => t), advance: (ms: number) => (t += ms), now: () => t }
}

describe('token bucket', () => {
  it.each([
    { rate: 10, burst: 1, waits: [0, 100, 200, 300] },
    { rate: 10, burst: 3, waits: [0, 0, 0, 100, 200] },
    { rate: 2, burst: undefined, waits: [0, 0, 500, 1000] },
    { rate: Infinity, burst: undefined, waits: [0, 0, 0, 0] },
  ])('rate $rate burst $burst spaces reservations $waits', ({ rate, burst, waits }) => {
    const { bucket } = fixture({ rate, ...(burst === undefined ? {} : { burst }) })
    expect(waits.map(() => Math.round(bucket.reserve()))).toEqual(waits)
  })

  it('refills with time, up to the burst', () => {
    const f = fixture({ rate: 10, burst: 2 })
    f.bucket.reserve()
    f.bucket.reserve()
    f.advance(1_000)
    expect(f.bucket.snapshot().tokens).toBe(2)
  })

  it('pauses: nothing before the pause ends, then the first goes at once and the next after one interval', () => {
    const f = fixture({ rate: 10, burst: 5 })
    f.bucket.pause(f.now() + 2_000)
    expect(f.bucket.snapshot().pausedUntil).toBe(f.now() + 2_000)
    expect(f.bucket.reserve()).toBe(2_000)
    expect(f.bucket.reserve()).toBe(2_100)
    f.bucket.pause(f.now() - 1) // a pause in the past changes nothing
    expect(f.bucket.reserve()).toBe(2_200)
  })

  it('caps the rate to the remaining quota until the reset, then returns to the configured rate', () => {
    const f = fixture({ rate: 100, burst: 100 })
    f.bucket.cap(4, f.now() + 2_000) // 4 requests in 2 s = 2 req/s, at most 4 at once
    expect(f.bucket.snapshot().rate).toBe(2)
    const waits = [0, 0, 0, 0, 0].map(() => f.bucket.reserve())
    expect(waits).toEqual([0, 0, 0, 0, 500])
    f.advance(2_000)
    expect(f.bucket.snapshot().rate).toBe(100)
  })

  it('a cap with no requests left is a pause; a cap in the past is ignored', () => {
    const f = fixture({ rate: 10 })
    f.bucket.cap(0, f.now() + 1_000)
    expect(f.bucket.reserve()).toBe(1_000)
    const g = fixture({ rate: 10 })
    g.bucket.cap(1, g.now() - 1)
    expect(g.bucket.snapshot().rate).toBe(10)
  })

  it('halves on 429 down to the floor and wins back a twentieth per success', () => {
    const f = fixture({ rate: 20, minRate: 4 })
    f.bucket.penalize()
    expect(f.bucket.snapshot().rate).toBe(10)
    f.bucket.penalize()
    f.bucket.penalize()
    expect(f.bucket.snapshot().rate).toBe(4)
    f.bucket.reward()
    expect(f.bucket.snapshot().rate).toBe(5)
    for (let i = 0; i < 50; i++) f.bucket.reward()
    expect(f.bucket.snapshot().rate).toBe(20)
  })

  it('an unlimited bucket cannot be halved without a server-given rate', () => {
    const f = fixture({})
    f.bucket.penalize()
    expect(f.bucket.snapshot().rate).toBe(Infinity)
    f.bucket.cap(10, f.now() + 10_000) // 1 req/s from the headers
    f.bucket.penalize()
    expect(f.bucket.snapshot().rate).toBe(0.5)
  })
})
