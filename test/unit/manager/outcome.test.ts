import { describe, expect, it } from 'vitest'
import { CircuitOpenError, ManagerClosedError } from '../../../runtime/manager/errors'
import { errorClass, isOriginFailure } from '../../../runtime/manager/outcome'

const named = (name: string, extra: object = {}) => Object.assign(new Error('x'), { name }, extra)

describe('attempt outcome', () => {
  it.each([
    { outcome: { status: 200 }, cls: undefined, failure: false },
    { outcome: { status: 304 }, cls: undefined, failure: false },
    { outcome: { status: 404 }, cls: '404', failure: false },
    { outcome: { status: 408 }, cls: '408', failure: true },
    { outcome: { status: 429 }, cls: '429', failure: true },
    { outcome: { status: 503 }, cls: '503', failure: true },
    { outcome: { error: new TypeError('fetch failed') }, cls: 'network', failure: true },
    { outcome: { error: 'a string' }, cls: 'network', failure: true },
    { outcome: { error: new DOMException('t', 'TimeoutError') }, cls: 'timeout', failure: true },
    { outcome: { error: named('X', { code: 'ERR_TIMEOUT' }) }, cls: 'timeout', failure: true },
    { outcome: { error: new DOMException('a', 'AbortError') }, cls: 'abort', failure: null },
    { outcome: { error: new ManagerClosedError('c', 'GET /') }, cls: 'closed', failure: null },
    { outcome: { error: new CircuitOpenError('http://h', 0) }, cls: 'circuit_open', failure: null },
  ])('$outcome → $cls / $failure', ({ outcome, cls, failure }) => {
    expect(errorClass(outcome)).toBe(cls)
    expect(isOriginFailure(outcome)).toBe(failure)
  })
})
