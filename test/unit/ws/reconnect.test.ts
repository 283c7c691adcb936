import { describe, expect, it } from 'vitest'
import { backoffDelay, decideReconnect, isAuthFailure, resolveReconnect } from '../../../runtime/ws/reconnect'

const o = resolveReconnect({ initialDelay: 100, maxDelay: 1_000, factor: 2, maxAttempts: 5, deadline: 10_000 })

describe('backoffDelay (full jitter)', () => {
  it.each([
    // attempt, random, delay: bound = min(maxDelay, initial * factor^(attempt-1))
    [1, 0.5, 50],
    [2, 0.5, 100],
    [3, 0.5, 200],
    [4, 0.999, 799],
    [5, 0.5, 500], // 1600 capped at 1000
    [30, 0.25, 250],
    [1, 0, 0],
  ])('attempt %i with random %f waits %i ms', (attempt, random, delay) => {
    expect(backoffDelay(attempt, o, () => random)).toBe(delay)
  })

  it('never exceeds the bound for any draw', () => {
    for (let attempt = 1; attempt < 12; attempt++) {
      const bound = Math.min(1_000, 100 * 2 ** (attempt - 1))
      for (const r of [0, 0.1, 0.5, 0.9, 0.999999]) {
        const d = backoffDelay(attempt, o, () => r)
        expect(d).toBeGreaterThanOrEqual(0)
        expect(d).toBeLessThan(bound)
      }
    }
  })
})

describe('decideReconnect', () => {
  const half = () => 0.5
  it.each([
    ['within limits → backoff', { attempt: 2, elapsed: 0 }, { retry: true, delay: 100, reason: 'backoff' }],
    ['past maxAttempts', { attempt: 6, elapsed: 0 }, { retry: false, reason: 'attempts' }],
    ['past the deadline', { attempt: 1, elapsed: 10_000 }, { retry: false, reason: 'deadline' }],
    ['backoff clipped to what is left of the deadline', { attempt: 5, elapsed: 9_900 }, { retry: true, delay: 100, reason: 'backoff' }],
    ['Retry-After wins, unjittered', { attempt: 1, elapsed: 0, retryAfter: 3_000 }, { retry: true, delay: 3_000, reason: 'retry-after' }],
    ['Retry-After in the past means now', { attempt: 1, elapsed: 0, retryAfter: -5 }, { retry: true, delay: 0, reason: 'retry-after' }],
    ['Retry-After beyond the deadline', { attempt: 1, elapsed: 8_000, retryAfter: 3_000 }, { retry: false, reason: 'retry-after' }],
    ['Retry-After over maxRetryAfter', { attempt: 1, elapsed: 0, retryAfter: 61_000 }, { retry: false, reason: 'retry-after' }],
  ] as [string, { attempt: number; elapsed: number; retryAfter?: number }, object][])('%s', (_name, input, expected) => {
    const options = input.retryAfter === 61_000 ? resolveReconnect({ deadline: Infinity }) : o
    expect(decideReconnect(input, options, half)).toEqual(expected)
  })

  it('keeps retrying forever with the defaults', () => {
    const d = resolveReconnect()
    expect(decideReconnect({ attempt: 10_000, elapsed: 1e9 }, d, () => 0.5)).toEqual({
      retry: true,
      delay: 15_000,
      reason: 'backoff',
    })
  })
})

describe('isAuthFailure', () => {
  it.each([
    [1008, true],
    [4401, true],
    [4403, true],
    [1006, false],
    [1000, false],
    [4000, false],
  ])('code %i → %s', (code, expected) => {
    expect(isAuthFailure(code, resolveReconnect())).toBe(expected)
  })

  it('uses the codes the caller names', () => {
    expect(isAuthFailure(4001, resolveReconnect({ authCodes: [4001] }))).toBe(true)
    expect(isAuthFailure(1008, resolveReconnect({ authCodes: [4001] }))).toBe(false)
  })
})
