import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { createSketch } from '../../../runtime/manager/sketch'

function exact(values: number[], q: number): number {
  const sorted = [...values].sort((a, b) => a - b)
  return sorted[Math.floor(q * (sorted.length - 1))]!
}

describe('quantile sketch', () => {
  it('is empty at first', () => {
    const s = createSketch()
    expect([s.count, s.quantile(0.5), s.min, s.max]).toEqual([0, undefined, undefined, undefined])
  })

  it.each([
    { values: [5], q: 0.5 },
    { values: [1, 2, 3, 4, 5, 6, 7, 8, 9, 10], q: 0.5 },
    { values: Array.from({ length: 1000 }, (_, i) => i + 1), q: 0.99 },
    { values: [0, 0, 0, 10], q: 0.5 },
  ])('$q-quantile of $values.length values within 1 %', ({ values, q }) => {
    const s = createSketch(0.01)
    for (const v of values) s.add(v)
    const want = exact(values, q)
    expect(Math.abs(s.quantile(q)! - want)).toBeLessThanOrEqual(want * 0.01 + 1e-9)
  })

  it('ignores negative, NaN and infinite values', () => {
    const s = createSketch()
    for (const v of [-1, Number.NaN, Infinity, 3]) s.add(v)
    expect([s.count, s.min, s.max]).toEqual([1, 3, 3])
  })

  it('stays within its relative accuracy for any data (property)', () => {
    fc.assert(
      fc.property(
        fc.array(fc.double({ min: 0.01, max: 1e6, noNaN: true }), { minLength: 1, maxLength: 300 }),
        fc.double({ min: 0, max: 1, noNaN: true }),
        (values, q) => {
          const s = createSketch(0.02)
          for (const v of values) s.add(v)
          const want = exact(values, q)
          return Math.abs(s.quantile(q)! - want) <= want * 0.02 + 1e-9
        },
      ),
    )
  })

  it('keeps a bounded number of buckets for a million values', () => {
    const s = createSketch(0.01)
    for (let i = 1; i <= 1_000_000; i++) s.add(i / 100)
    expect(s.count).toBe(1_000_000)
    expect(Math.abs(s.quantile(0.5)! - 5000) / 5000).toBeLessThan(0.011)
  })
})
