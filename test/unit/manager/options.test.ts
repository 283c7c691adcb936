import { describe, expect, it } from 'vitest'
import { ATTEMPT_HEADER, takeAttempt } from '../../../runtime/manager/attempt-header'
import { chainHooks, EnvironmentError, mergeHeaders, mergeRetry, pickEnvironment } from '../../../runtime/manager/options'

describe('pickEnvironment', () => {
  it('passes a plain value through and picks per environment', () => {
    expect(pickEnvironment('https://a', undefined, 'c', 'baseUrl')).toBe('https://a')
    expect(pickEnvironment({ prod: 'https://p', dev: 'http://d' }, 'dev', 'c', 'baseUrl')).toBe('http://d')
  })
  it.each([
    { env: undefined, message: 'client "pets" has a baseUrl per environment (prod, dev) but no environment was selected' },
    { env: 'qa', message: 'client "pets" has no baseUrl for environment "qa" (has: prod, dev)' },
  ])('names the client and environment when missing ($env)', ({ env, message }) => {
    const run = () => pickEnvironment({ prod: 'https://p', dev: 'http://d' }, env, 'pets', 'baseUrl')
    expect(run).toThrow(EnvironmentError)
    expect(run).toThrow(message)
  })
})

describe('merging', () => {
  it('merges headers case-insensitively, later wins', () => {
    expect(mergeHeaders({ Authorization: 'a', 'X-A': '1' }, undefined, { authorization: 'b' })).toEqual({ 'X-A': '1', authorization: 'b' })
    expect(mergeHeaders(undefined, {})).toBeUndefined()
  })
  it.each([
    { base: { limit: 2, baseDelay: 100 }, over: { limit: 5 }, out: { limit: 5, baseDelay: 100 } },
    { base: { limit: 2 }, over: false, out: false },
    { base: 3, over: undefined, out: 3 },
    { base: undefined, over: { limit: 1 }, out: { limit: 1 } },
  ])('retry $base + $over', ({ base, over, out }) => {
    expect(mergeRetry<unknown>(base, over)).toEqual(out)
  })
  it('chains hooks in order and stops at a throw', async () => {
    const calls: string[] = []
    const hooks = chainHooks(
      { onRetry: () => void calls.push('a') },
      undefined,
      {
        onRetry: async () => void calls.push('b'),
        onError: () => {
          throw new Error('stop')
        },
      },
      { onError: () => void calls.push('never') },
    )
    expect(Object.keys(hooks).sort()).toEqual(['onError', 'onRetry'])
    await hooks.onRetry!({} as never)
    await expect(hooks.onError!({} as never)).rejects.toThrow('stop')
    expect(calls).toEqual(['a', 'b'])
  })
})

describe('takeAttempt', () => {
  it.each([
    { headers: new Headers({ [ATTEMPT_HEADER]: '3', accept: 'x' }), attempt: 3 },
    { headers: { 'X-Codomyrmex-Attempt': '2', accept: 'x' }, attempt: 2 },
    {
      headers: [
        [ATTEMPT_HEADER, '1'],
        ['accept', 'x'],
      ] as [string, string][],
      attempt: 1,
    },
    { headers: new Headers({ [ATTEMPT_HEADER]: 'zero', accept: 'x' }), attempt: undefined },
  ])('reads and strips the private header ($attempt)', ({ headers, attempt }) => {
    const out = takeAttempt({ headers })
    expect(out.attempt).toBe(attempt)
    expect(Object.fromEntries(new Headers(out.init!.headers))).toEqual({ accept: 'x' })
  })
  it('leaves requests without it untouched', () => {
    const init = { headers: { accept: 'x' } }
    expect(takeAttempt(init).init).toBe(init)
    expect(takeAttempt(undefined)).toEqual({ attempt: undefined, init: undefined })
    const h = { headers: new Headers({ a: '1' }) }
    expect(takeAttempt(h).init).toBe(h)
    const arr = { headers: [['a', '1']] as [string, string][] }
    expect(takeAttempt(arr).init).toBe(arr)
  })
})
