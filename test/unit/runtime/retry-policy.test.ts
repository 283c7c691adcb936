import { describe, expect, test } from 'vitest'
import { backoff } from '../../../runtime/policy/backoff'
import { budgetFor, createRetryBudget } from '../../../runtime/policy/budget'
import { isReplaySafe } from '../../../runtime/policy/idempotency'
import { decide, defaultRetryPolicy, type RetryFacts } from '../../../runtime/policy/retry'
import { parseHttpDate, parseRateLimitReset, parseRetryAfter } from '../../../runtime/policy/retry-after'

const NOW = Date.UTC(2026, 10, 25, 12, 0, 0)
const headers = (h: Record<string, string>) => (name: string) => h[name]

describe('parseRetryAfter (clock injected)', () => {
  test.each<[string, Record<string, string>, number | undefined]>([
    ['delta-seconds', { 'retry-after': '3' }, 3000],
    ['zero', { 'retry-after': '0' }, 0],
    ['retry-after-ms wins', { 'retry-after-ms': '250', 'retry-after': '9' }, 250],
    ['fractional ms rounds up', { 'retry-after-ms': '1.2' }, 2],
    ['IMF-fixdate', { 'retry-after': 'Wed, 25 Nov 2026 12:00:10 GMT' }, 10_000],
    ['RFC 850', { 'retry-after': 'Wednesday, 25-Nov-26 12:00:05 GMT' }, 5000],
    ['asctime is UTC', { 'retry-after': 'Wed Nov 25 12:01:00 2026' }, 60_000],
    ['asctime with a padded day', { 'retry-after': 'Sun Nov  6 08:49:37 1994' }, 0],
    ['a date in the past clamps to 0', { 'retry-after': 'Sun, 06 Nov 1994 08:49:37 GMT' }, 0],
    ['negative is ignored', { 'retry-after': '-5' }, undefined],
    ['garbage is ignored', { 'retry-after': 'soon' }, undefined],
    ['31 February is ignored', { 'retry-after': 'Tue, 31 Feb 2026 12:00:00 GMT' }, undefined],
    ['unknown month is ignored', { 'retry-after': 'Wed, 25 Foo 2026 12:00:10 GMT' }, undefined],
    ['three letters across two months ("anf" in the month table) are no month', { 'retry-after': 'Wed, 25 Anf 2026 12:00:10 GMT' }, undefined],
    ['bad retry-after-ms falls through', { 'retry-after-ms': 'x', 'retry-after': '1' }, 1000],
    ['absent', {}, undefined],
  ])('%s', (_label, h, expected) => {
    expect(parseRetryAfter(headers(h), NOW)).toBe(expected)
  })

  test('RFC 850 two-digit years more than 50 years ahead belong to the last century', () => {
    expect(parseHttpDate('Sunday, 06-Nov-94 08:49:37 GMT', NOW)).toBe(Date.UTC(1994, 10, 6, 8, 49, 37))
    expect(parseHttpDate('Monday, 06-Nov-50 08:49:37 GMT', NOW)).toBe(Date.UTC(2050, 10, 6, 8, 49, 37))
  })
})

describe('parseRateLimitReset', () => {
  test.each<[string, Record<string, string>, number | undefined]>([
    ['RateLimit-Reset delta seconds', { 'ratelimit-reset': '7' }, 7000],
    ['X-RateLimit-Reset epoch seconds', { 'x-ratelimit-reset': String(NOW / 1000 + 30) }, 30_000],
    ['X-RateLimit-Reset in the past', { 'x-ratelimit-reset': String(NOW / 1000 - 30) }, 0],
    ['garbage is ignored', { 'ratelimit-reset': 'later' }, undefined],
    ['absent', {}, undefined],
  ])('%s', (_label, h, expected) => {
    expect(parseRateLimitReset(headers(h), NOW)).toBe(expected)
  })
})

describe('backoff: full jitter, capped', () => {
  test.each([
    [1, 0.5, 150],
    [2, 0.5, 300],
    [3, 0.999, 1198],
    [10, 0.999, 9990], // capped by maxDelay 10 s
    [1, 0, 0],
  ])('retry %i with random %f → %i ms', (retry, r, expected) => {
    expect(backoff(retry, 300, 10_000, () => r)).toBe(expected)
  })
})

describe('idempotency', () => {
  test.each<[string, boolean | undefined, boolean | undefined, boolean]>([
    ['GET', undefined, undefined, true],
    ['put', undefined, undefined, true],
    ['DELETE', undefined, undefined, true],
    ['POST', undefined, undefined, false],
    ['PATCH', undefined, undefined, false],
    ['POST', true, undefined, true],
    ['PATCH', undefined, true, true],
  ])('%s idempotent=%s key=%s → %s', (method, idempotent, hasIdempotencyKey, expected) => {
    expect(isReplaySafe({ method, idempotent, hasIdempotencyKey })).toBe(expected)
  })
})

describe('decide', () => {
  const base: RetryFacts = { attempt: 1, method: 'GET', failure: 'status', status: 503, now: NOW, random: () => 0.5 }
  test.each<[string, Partial<RetryFacts>, Record<string, unknown>]>([
    ['503 on GET retries with backoff', {}, { retry: true, delay: 150, reason: 'status 503', delaySource: 'backoff' }],
    ['second retry doubles the ceiling', { attempt: 2 }, { retry: true, delay: 300 }],
    ['attempts exhausted', { attempt: 3 }, { retry: false, reason: '3 attempts made' }],
    ['404 is not retried', { status: 404 }, { retry: false, reason: 'status 404 is not retried' }],
    ['POST on 503 is not retried', { method: 'POST' }, { retry: false }],
    ['POST with an idempotency key is', { method: 'POST', hasIdempotencyKey: true }, { retry: true }],
    ['POST with connection refused is', { method: 'POST', failure: 'refused', status: undefined }, { retry: true, reason: 'connection refused' }],
    ['POST with a reset is not', { method: 'POST', failure: 'network', status: undefined }, { retry: false }],
    ['attempt timeout on GET is', { failure: 'timeout', status: undefined }, { retry: true, reason: 'attempt timeout' }],
    ['final failures never are', { failure: 'final' }, { retry: false, reason: 'not retriable' }],
    ['Retry-After is used as is (no jitter)', { header: headers({ 'retry-after': '2' }) }, { retry: true, delay: 2000, delaySource: 'retry-after' }],
    ['Retry-After above maxRetryAfter → retryAt', { header: headers({ 'retry-after': '3600' }) }, { retry: false, retryAt: NOW + 3_600_000 }],
    ['Retry-After past the deadline → retryAt', { header: headers({ 'retry-after': '5' }), deadlineAt: NOW + 4000 }, { retry: false, retryAt: NOW + 5000 }],
    ['backoff past the deadline → give up', { deadlineAt: NOW + 100 }, { retry: false, reason: 'no time left before the deadline' }],
    ['x-should-retry: false vetoes', { header: headers({ 'x-should-retry': 'false' }) }, { retry: false }],
    ['x-should-retry: true forces a 400 on POST', { status: 400, method: 'POST', header: headers({ 'x-should-retry': 'true' }) }, { retry: true }],
    ['budget exhausted', { spendBudget: () => false }, { retry: false, reason: 'retry budget exhausted' }],
    [
      'a 429 without Retry-After waits for RateLimit-Reset',
      { status: 429, header: headers({ 'ratelimit-reset': '3' }) },
      { retry: true, delay: 3000, delaySource: 'retry-after' },
    ],
    ['Retry-After beats RateLimit-Reset', { status: 429, header: headers({ 'retry-after': '1', 'ratelimit-reset': '3' }) }, { retry: true, delay: 1000 }],
    [
      'reset headers on a 503 are not a wait request',
      { header: headers({ 'x-ratelimit-reset': '3600' }) },
      { retry: true, delay: 150, delaySource: 'backoff' },
    ],
  ])('%s', (_label, facts, expected) => {
    expect(decide(defaultRetryPolicy, { ...base, ...facts })).toMatchObject(expected)
  })

  test('the budget is only spent when everything else says retry', () => {
    let spent = 0
    const spendBudget = (): boolean => (spent++, true)
    decide(defaultRetryPolicy, { ...base, status: 404, spendBudget })
    decide(defaultRetryPolicy, { ...base, method: 'POST', spendBudget })
    expect(spent).toBe(0)
    decide(defaultRetryPolicy, { ...base, spendBudget })
    expect(spent).toBe(1)
  })
})

describe('retry budget (clock injected)', () => {
  test('floor + ratio of requests per window, then a new window', () => {
    const b = createRetryBudget({ ratio: 0.2, floor: 3, window: 10_000 })
    for (let i = 0; i < 10; i++) b.request(0)
    expect(b.remaining(0)).toBe(5)
    const granted = Array.from({ length: 8 }, () => b.tryRetry(1000)).filter(Boolean).length
    expect(granted).toBe(5)
    expect(b.tryRetry(9999)).toBe(false)
    expect(b.remaining(10_000)).toBe(3) // new window: the floor again
    expect(b.tryRetry(10_000)).toBe(true)
  })
})

describe('shared budgets per origin', () => {
  test('one budget per origin, kept for the 1000 most recently used origins', () => {
    const a = budgetFor('https://a.test')
    expect(budgetFor('https://a.test')).toBe(a)
    for (let i = 0; i < 999; i++) budgetFor(`https://h${i}.test`)
    expect(budgetFor('https://a.test')).toBe(a) // still there, and now the most recent
    budgetFor('https://one-more.test')
    expect(budgetFor('https://a.test')).toBe(a)
    const h0 = budgetFor('https://h1.test')
    for (let i = 0; i < 1000; i++) budgetFor(`https://x${i}.test`)
    expect(budgetFor('https://h1.test')).not.toBe(h0) // evicted, then made anew
  })
})
