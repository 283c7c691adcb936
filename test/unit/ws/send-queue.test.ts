import { describe, expect, it } from 'vitest'
import { createSendQueue, type QueueOverflow } from '../../../runtime/ws/send-queue'

describe('createSendQueue', () => {
  it.each<[QueueOverflow, string[], string[]]>([
    ['throw', ['queued', 'queued', 'full'], ['a', 'b']],
    ['drop-oldest', ['queued', 'queued', 'replaced'], ['b', 'c']],
    ['drop-newest', ['queued', 'queued', 'dropped'], ['a', 'b']],
  ])('overflow %s: results %j, keeps %j', (overflow, results, kept) => {
    const q = createSendQueue<string>({ limit: 2, overflow }, () => 0)
    expect(['a', 'b', 'c'].map((m) => q.push(m))).toEqual(results)
    expect(q.size).toBe(2)
    expect(q.take()).toEqual({ items: kept, expired: 0 })
    expect(q.size).toBe(0)
  })

  it('drops messages older than the time to live when taken', () => {
    let now = 0
    const q = createSendQueue<string>({ ttl: 100 }, () => now)
    q.push('old')
    now = 60
    q.push('fresh')
    now = 101
    expect(q.take()).toEqual({ items: ['fresh'], expired: 1 })
  })

  it('with limit 0 holds nothing', () => {
    const q = createSendQueue<string>({ limit: 0, overflow: 'drop-oldest' }, () => 0)
    expect(q.push('a')).toBe('dropped')
    expect(q.size).toBe(0)
  })

  it('clear() reports how many were discarded', () => {
    const q = createSendQueue<number>({}, () => 0)
    for (let i = 0; i < 100; i++) expect(q.push(i)).toBe('queued')
    expect(q.push(100)).toBe('full')
    expect(q.clear()).toBe(100)
    expect(q.take()).toEqual({ items: [], expired: 0 })
  })
})
