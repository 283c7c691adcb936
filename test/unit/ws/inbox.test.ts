import { describe, expect, it } from 'vitest'
import { createInbox } from '../../../runtime/ws/inbox'

describe('createInbox', () => {
  it('hands messages to waiting receivers first, then buffers them in order', async () => {
    const inbox = createInbox<number>(10)
    const waiting = inbox.next()
    inbox.push(1)
    inbox.push(2)
    inbox.push(3)
    expect(await waiting).toBe(1)
    expect([await inbox.next(), await inbox.next()]).toEqual([2, 3])
  })

  it('drops the oldest past its limit', async () => {
    const inbox = createInbox<number>(2)
    for (const n of [1, 2, 3]) inbox.push(n)
    expect([await inbox.next(), await inbox.next()]).toEqual([2, 3])
  })

  it('drains what is buffered after end, then rejects; a quiet end stops iteration', async () => {
    const inbox = createInbox<number>(10)
    inbox.push(1)
    const pending = createInbox<number>(10)
    const waiter = pending.next()
    pending.end(() => new Error('closed'), true)
    await expect(waiter).rejects.toThrow('closed')
    inbox.end(() => new Error('closed'), true)
    const seen: number[] = []
    for await (const n of inbox) seen.push(n)
    expect(seen).toEqual([1])
    await expect(inbox.next()).rejects.toThrow('closed')
  })

  it('a failed end makes iteration throw', async () => {
    const inbox = createInbox<number>(10)
    inbox.end(() => new Error('boom'), false)
    await expect(
      (async () => {
        for await (const _ of inbox) void _
      })(),
    ).rejects.toThrow('boom')
  })
})
