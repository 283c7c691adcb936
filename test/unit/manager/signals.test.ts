import { describe, expect, it } from 'vitest'
import { sleep } from '../../../runtime/manager/signals'

describe('sleep', () => {
  it('rejects at once with the reason of an already aborted signal, and resolves at once for 0 ms', async () => {
    const aborted = AbortSignal.abort(new Error('gone'))
    await expect(sleep(10_000, aborted)).rejects.toThrow('gone')
    await expect(sleep(0, new AbortController().signal)).resolves.toBeUndefined()
  })
  it('stops waiting when the signal aborts, and clears its timer', async () => {
    const controller = new AbortController()
    const before = process.getActiveResourcesInfo().filter((r) => r === 'Timeout').length
    const waiting = sleep(10_000, controller.signal)
    expect(process.getActiveResourcesInfo().filter((r) => r === 'Timeout').length).toBe(before + 1)
    controller.abort(new Error('stop'))
    await expect(waiting).rejects.toThrow('stop')
    expect(process.getActiveResourcesInfo().filter((r) => r === 'Timeout').length).toBe(before)
  })
})
