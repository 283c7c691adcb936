import { getEventListeners } from 'node:events'
import { afterEach, beforeEach, describe, expect, test } from 'vitest'
import { createHttpClient, createNetworkManager, httpClient } from '../../../runtime/index'
import { json, serversClosedAfterEach, type TestServer } from '../../helpers/http-server'

const serve = serversClosedAfterEach()
const warnings: Error[] = []
const onWarning = (w: Error): void => void warnings.push(w)
beforeEach(() => {
  warnings.length = 0
  process.on('warning', onWarning)
})
afterEach(() => {
  process.off('warning', onWarning)
})

/** Holds every response until `n` requests are in, so all calls are in flight at once. */
async function gate(n: number): Promise<TestServer> {
  const held: (() => void)[] = []
  return serve((_req, res) => {
    held.push(() => json(res, 200, { ok: true }))
    if (held.length === n) for (const release of held.splice(0)) release()
    return new Promise<void>((r) => res.on('finish', () => r()))
  })
}

/** Waits for pending `process.emitWarning` calls, which Node delivers on a later tick. */
const settleWarnings = (): Promise<void> => new Promise((r) => setImmediate(r))

describe('one AbortSignal shared by many concurrent calls', () => {
  const CALLS = 25
  test.each([
    ['no deadline', {}],
    ['a deadline', { deadline: 30_000 }],
    ['a client signal as well', { clientSignal: true }],
  ])('%s: no MaxListenersExceededWarning, and no listener left afterwards', async (_name, o: { deadline?: number; clientSignal?: boolean }) => {
    const s = await gate(CALLS)
    const shared = new AbortController()
    const clientSignal = new AbortController()
    const client = createHttpClient({ baseUrl: s.url, ...(o.clientSignal ? { signal: clientSignal.signal } : {}) })
    let peak = 0
    const calls = Array.from({ length: CALLS }, (_, i) => client.get(`/${i}`, { signal: shared.signal, ...(o.deadline ? { deadline: o.deadline } : {}) }))
    const watcher = setInterval(() => (peak = Math.max(peak, getEventListeners(shared.signal, 'abort').length)), 1)
    await Promise.all(calls)
    clearInterval(watcher)
    await settleWarnings()
    expect(warnings.filter((w) => w.name === 'MaxListenersExceededWarning')).toEqual([])
    expect(peak).toBeLessThanOrEqual(1)
    expect(getEventListeners(shared.signal, 'abort')).toHaveLength(0)
    expect(getEventListeners(clientSignal.signal, 'abort')).toHaveLength(0)
  })

  test('aborting the shared signal still ends every call with an AbortError', async () => {
    const s = await serve(() => new Promise(() => {}))
    const shared = new AbortController()
    const client = createHttpClient({ baseUrl: s.url })
    const calls = Array.from({ length: 12 }, (_, i) => client.get(`/${i}`, { signal: shared.signal }).catch((e: unknown) => e))
    while (s.requests.length < 12) await new Promise((r) => setTimeout(r, 5))
    shared.abort(new Error('stop'))
    const errors = await Promise.all(calls)
    expect(errors.map((e) => (e as Error).name)).toEqual(Array(12).fill('AbortError'))
    expect(getEventListeners(shared.signal, 'abort')).toHaveLength(0)
  })

  test('through a network manager with maxConcurrent (calls queued on the shared signal)', async () => {
    const s = await serve((_req, res) => json(res, 200, { ok: true }))
    const manager = createNetworkManager({ clients: { api: httpClient({ baseUrl: s.url }) }, policy: { maxConcurrent: 2 } })
    const shared = new AbortController()
    await Promise.all(Array.from({ length: CALLS }, (_, i) => manager.get('api').get(`/${i}`, { signal: shared.signal })))
    await settleWarnings()
    expect(warnings.filter((w) => w.name === 'MaxListenersExceededWarning')).toEqual([])
    expect(getEventListeners(shared.signal, 'abort')).toHaveLength(0)
    await manager.closeAll()
  })
})
