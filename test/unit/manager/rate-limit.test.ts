import { describe, expect, it } from 'vitest'
import { adviseRate } from '../../../runtime/manager/rate-advice'
import { parseRateLimit, parseRetryAfter } from '../../../runtime/manager/rate-limit-headers'

const NOW = Date.parse('2026-01-01T00:00:00Z')
const h = (init: Record<string, string | undefined>) => new Headers(Object.entries(init).filter((e): e is [string, string] => e[1] !== undefined))

describe('parseRateLimit', () => {
  it.each([
    { name: 'nothing', headers: {}, info: {} },
    {
      name: 'IETF draft 7+ RateLimit with policy',
      headers: { ratelimit: '"default";r=50;t=30', 'ratelimit-policy': '"default";q=100;w=60' },
      info: { limit: 100, remaining: 50, resetAt: NOW + 30_000 },
    },
    {
      name: 'older combined RateLimit',
      headers: { ratelimit: 'limit=100, remaining=5, reset=10' },
      info: { limit: 100, remaining: 5, resetAt: NOW + 10_000 },
    },
    {
      name: 'separate RateLimit-* (delta seconds)',
      headers: { 'ratelimit-limit': '60', 'ratelimit-remaining': '0', 'ratelimit-reset': '7' },
      info: { limit: 60, remaining: 0, resetAt: NOW + 7_000 },
    },
    {
      name: 'X-RateLimit-* with a Unix time reset (GitHub)',
      headers: { 'x-ratelimit-limit': '5000', 'x-ratelimit-remaining': '4999', 'x-ratelimit-reset': String(NOW / 1000 + 3600) },
      info: { limit: 5000, remaining: 4999, resetAt: NOW + 3_600_000 },
    },
    {
      name: 'X-RateLimit-Reset in epoch milliseconds',
      headers: { 'x-ratelimit-remaining': '1', 'x-ratelimit-reset': String(NOW + 5_000) },
      info: { remaining: 1, resetAt: NOW + 5_000 },
    },
    {
      name: 'garbage values are ignored',
      headers: { 'x-ratelimit-remaining': 'lots', 'x-ratelimit-reset': '-3', 'retry-after': 'soon' },
      info: {},
    },
    {
      name: 'Retry-After seconds',
      headers: { 'retry-after': '120' },
      info: { retryAt: NOW + 120_000 },
    },
  ])('$name', ({ headers, info }) => {
    expect(parseRateLimit(h(headers), NOW)).toEqual(info)
  })
})

describe('parseRetryAfter', () => {
  it.each([
    { headers: { 'retry-after-ms': '250', 'retry-after': '9' }, at: NOW + 250 },
    { headers: { 'retry-after': 'Thu, 01 Jan 2026 00:00:05 GMT' }, at: NOW + 5_000 },
    { headers: { 'retry-after': 'Wed, 31 Dec 2025 23:00:00 GMT' }, at: NOW },
    { headers: { 'retry-after': '' }, at: undefined },
    { headers: {}, at: undefined },
  ])('$headers → $at', ({ headers, at }) => {
    expect(parseRetryAfter(h(headers), NOW)).toBe(at)
  })
})

describe('adviseRate', () => {
  it.each([
    { name: 'a plain success rewards', status: 200, info: {}, advice: { penalize: false, reward: true } },
    { name: 'plenty left: no change', status: 200, info: { limit: 100, remaining: 50, resetAt: NOW + 10_000 }, advice: { penalize: false, reward: true } },
    {
      name: 'under 20 % left: pace the rest until the reset',
      status: 200,
      info: { limit: 100, remaining: 20, resetAt: NOW + 10_000 },
      advice: { penalize: false, reward: true, cap: { remaining: 20, until: NOW + 10_000 } },
    },
    {
      name: 'unknown limit, few left: pace',
      status: 200,
      info: { remaining: 5, resetAt: NOW + 1_000 },
      advice: { penalize: false, reward: true, cap: { remaining: 5, until: NOW + 1_000 } },
    },
    {
      name: 'none left: pause until the reset',
      status: 200,
      info: { limit: 10, remaining: 0, resetAt: NOW + 3_000 },
      advice: { penalize: false, reward: true, pauseUntil: NOW + 3_000 },
    },
    {
      name: 'reset far away is clamped to maxPause',
      status: 200,
      info: { limit: 10, remaining: 0, resetAt: NOW + 3_600_000 },
      advice: { penalize: false, reward: true, pauseUntil: NOW + 60_000 },
    },
    {
      name: '429 with Retry-After: penalize and pause',
      status: 429,
      info: { retryAt: NOW + 2_000 },
      advice: { penalize: true, reward: false, pauseUntil: NOW + 2_000 },
    },
    { name: '429 with a reset only', status: 429, info: { resetAt: NOW + 4_000 }, advice: { penalize: true, reward: false, pauseUntil: NOW + 4_000 } },
    { name: '429 saying nothing: a short pause', status: 429, info: {}, advice: { penalize: true, reward: false, pauseUntil: NOW + 1_000 } },
    {
      name: '503 with Retry-After pauses without penalty',
      status: 503,
      info: { retryAt: NOW + 500 },
      advice: { penalize: false, reward: false, pauseUntil: NOW + 500 },
    },
    { name: '503 without Retry-After: nothing', status: 503, info: {}, advice: { penalize: false, reward: false } },
    { name: 'a reset in the past is ignored', status: 200, info: { remaining: 0, resetAt: NOW - 1 }, advice: { penalize: false, reward: true } },
  ])('$name', ({ status, info, advice }) => {
    expect(adviseRate(status, info, NOW)).toEqual(advice)
  })

  it('honours slowBelow and maxPause', () => {
    expect(adviseRate(200, { limit: 100, remaining: 50, resetAt: NOW + 1_000 }, NOW, { slowBelow: 0.5 }).cap).toEqual({ remaining: 50, until: NOW + 1_000 })
    expect(adviseRate(429, { retryAt: NOW + 9_000 }, NOW, { maxPause: 1_000 }).pauseUntil).toBe(NOW + 1_000)
  })
})
