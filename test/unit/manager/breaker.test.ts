import { describe, expect, it } from 'vitest'
import { createBreaker, type BreakerState } from '../../../runtime/manager/breaker'

function fixture(options: Parameters<typeof createBreaker>[0] = {}) {
  let t = 1_000_000
  const changes: string[] = []
  const breaker = createBreaker(
    options,
    () => t,
    (from, to) => changes.push(`${from}>${to}`),
  )
  return {
    breaker,
    changes,
    advance: (ms: number) => (t += ms),
    now: () => t,
    run(outcomes: boolean[]) {
      for (const ok of outcomes) {
        const permit = breaker.acquire()
        if (permit.allowed) breaker.record(ok, permit.probe)
      }
    },
  }
}

describe('circuit breaker', () => {
  it.each([
    { name: 'stays closed under the minimum throughput', outcomes: [false, false, false], options: { minimumThroughput: 4 }, state: 'closed' },
    { name: 'opens at the failure ratio', outcomes: [true, false, true, false], options: { minimumThroughput: 4, failureRatio: 0.5 }, state: 'open' },
    { name: 'stays closed under the ratio', outcomes: [true, true, true, false], options: { minimumThroughput: 4, failureRatio: 0.5 }, state: 'closed' },
    { name: 'opens on all failures with defaults', outcomes: Array(10).fill(false), options: {}, state: 'open' },
  ] as { name: string; outcomes: boolean[]; options: object; state: BreakerState }[])('$name', ({ outcomes, options, state }) => {
    const f = fixture(options)
    f.run(outcomes)
    expect(f.breaker.state()).toBe(state)
  })

  it('refuses while open and says when it will probe', () => {
    const f = fixture({ minimumThroughput: 2, breakDuration: 5_000 })
    f.run([false, false])
    const opened = f.now()
    expect(f.breaker.acquire()).toEqual({ allowed: false, retryAt: opened + 5_000 })
    expect(f.breaker.retryAt()).toBe(opened + 5_000)
    f.advance(4_999)
    expect(f.breaker.state()).toBe('open')
  })

  it('half-opens after the break, lets one probe through, closes on its success', () => {
    const f = fixture({ minimumThroughput: 2, breakDuration: 5_000 })
    f.run([false, false])
    f.advance(5_000)
    expect(f.breaker.state()).toBe('half-open')
    const probe = f.breaker.acquire()
    expect(probe).toEqual({ allowed: true, probe: true })
    const second = f.breaker.acquire()
    expect(second.allowed).toBe(false)
    f.breaker.record(true, true)
    expect(f.breaker.state()).toBe('closed')
    expect(f.breaker.window()).toEqual({ failures: 0, total: 0 })
    expect(f.changes).toEqual(['closed>open', 'open>half-open', 'half-open>closed'])
  })

  it('reopens when the probe fails, for another full break', () => {
    const f = fixture({ minimumThroughput: 2, breakDuration: 1_000 })
    f.run([false, false])
    f.advance(1_000)
    const probe = f.breaker.acquire()
    expect(probe.allowed).toBe(true)
    f.breaker.record(false, true)
    expect(f.breaker.state()).toBe('open')
    expect(f.breaker.retryAt()).toBe(f.now() + 1_000)
  })

  it('frees the probe slot when the probe ends without a verdict', () => {
    const f = fixture({ minimumThroughput: 1, breakDuration: 100 })
    f.run([false])
    f.advance(100)
    expect(f.breaker.acquire().allowed).toBe(true)
    expect(f.breaker.acquire().allowed).toBe(false)
    f.breaker.record(null, true)
    expect(f.breaker.state()).toBe('half-open')
    expect(f.breaker.acquire()).toEqual({ allowed: true, probe: true })
  })

  it('ignores late outcomes of requests sent before it opened', () => {
    const f = fixture({ minimumThroughput: 2, breakDuration: 1_000 })
    const early = f.breaker.acquire()
    f.run([false, false])
    expect(f.breaker.state()).toBe('open')
    f.breaker.record(true, early.allowed && early.probe)
    f.breaker.record(false, true) // a "probe" outcome while open is stale too
    expect(f.breaker.state()).toBe('open')
  })

  it('forgets failures older than the sampling window', () => {
    const f = fixture({ minimumThroughput: 4, samplingDuration: 10_000 })
    f.run([false, false, false])
    f.advance(10_001)
    f.run([false])
    expect(f.breaker.window()).toEqual({ failures: 1, total: 1 })
    expect(f.breaker.state()).toBe('closed')
  })

  it('counts outcomes across buckets of the window', () => {
    const f = fixture({ minimumThroughput: 4, samplingDuration: 10_000 })
    f.run([false])
    f.advance(3_000)
    f.run([true])
    f.advance(3_000)
    f.run([false, false])
    expect(f.breaker.state()).toBe('open')
  })
})
