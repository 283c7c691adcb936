import { describe, expect, it } from 'vitest'
import { startHeartbeat } from '../../../runtime/ws/heartbeat'
import type { Timers } from '../../../runtime/ws/types'

/** A manual clock: timers fire only when the test advances time. */
function manualTimers() {
  let now = 0
  let seq = 0
  const pending = new Map<number, { at: number; fn: () => void }>()
  const timers: Timers = {
    now: () => now,
    random: () => 0.5,
    setTimeout(fn, ms) {
      pending.set(++seq, { at: now + ms, fn })
      return seq
    },
    clearTimeout(h) {
      pending.delete(h as number)
    },
  }
  const advance = (ms: number) => {
    const end = now + ms
    for (;;) {
      const due = [...pending.entries()].filter(([, t]) => t.at <= end).sort((a, b) => a[1].at - b[1].at)[0]
      if (!due) break
      pending.delete(due[0])
      now = due[1].at
      due[1].fn()
    }
    now = end
  }
  return { timers, advance, now: () => now, pending }
}

describe('startHeartbeat', () => {
  it('pings every interval while traffic keeps arriving, and never times out', () => {
    const m = manualTimers()
    const pings: number[] = []
    let dead = false
    const hb = startHeartbeat(
      100,
      50,
      () => pings.push(m.now()),
      () => (dead = true),
      m.timers,
    )
    for (let i = 0; i < 5; i++) {
      m.advance(100)
      m.advance(5)
      hb.seen()
    }
    expect(pings).toEqual([100, 200, 300, 400, 500])
    expect(dead).toBe(false)
    hb.stop()
  })

  it('declares the peer dead within interval + timeout of the last traffic', () => {
    const m = manualTimers()
    let deadAt = -1
    startHeartbeat(
      100,
      50,
      () => {},
      () => (deadAt = m.now()),
      m.timers,
    )
    m.advance(1_000)
    expect(deadAt).toBe(150)
    // Once dead, nothing keeps ticking.
    expect(m.pending.size).toBe(0)
  })

  it('a late answer inside the timeout keeps it alive; a missing one after that does not', () => {
    const m = manualTimers()
    let deadAt = -1
    const hb = startHeartbeat(
      100,
      50,
      () => {},
      () => (deadAt = m.now()),
      m.timers,
    )
    m.advance(149)
    hb.seen()
    m.advance(200)
    expect(deadAt).toBe(250)
  })

  it('stop() cancels both timers', () => {
    const m = manualTimers()
    let pinged = 0
    const hb = startHeartbeat(
      10,
      10,
      () => pinged++,
      () => {},
      m.timers,
    )
    m.advance(10)
    hb.stop()
    m.advance(1_000)
    expect(pinged).toBe(1)
    expect(m.pending.size).toBe(0)
  })
})
