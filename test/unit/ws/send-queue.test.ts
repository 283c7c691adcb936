import { describe, expect, it } from 'vitest'
import { WebSocketQueueOverflowError } from '../../../runtime/errors/websocket'
import type { LogLevel } from '../../../runtime/log/types'
import { createSendQueue, type QueueOptions, type QueueOverflow } from '../../../runtime/ws/send-queue'

function queue(options: QueueOptions, now: () => number = () => 0) {
  const logged: string[] = []
  const q = createSendQueue(options, now, 'ws://h/', (level: LogLevel, _event, message) => void logged.push(`${level} ${message}`))
  const flushed = (): unknown[] => {
    const out: unknown[] = []
    q.flush((d) => out.push(d))
    return out
  }
  return { q, logged, flushed }
}

describe('createSendQueue', () => {
  it.each<[QueueOverflow, boolean[], string[]]>([
    ['drop-oldest', [true, true, true], ['b', 'c']],
    ['drop-newest', [true, true, false], ['a', 'b']],
  ])('overflow %s: push results %j, keeps %j, and logs the drop', (overflow, results, kept) => {
    const { q, logged, flushed } = queue({ limit: 2, overflow })
    expect(['a', 'b', 'c'].map((m) => q.push(m))).toEqual(results)
    expect(logged).toEqual(['warn send queue full: dropped a message'])
    expect(flushed()).toEqual(kept)
    expect(flushed()).toEqual([])
  })

  it("overflow 'throw' (the default): a WebSocketQueueOverflowError naming the limit", () => {
    const { q } = queue({})
    for (let i = 0; i < 100; i++) expect(q.push(String(i))).toBe(true)
    expect(() => q.push('x')).toThrow(WebSocketQueueOverflowError)
    expect(() => q.push('x')).toThrow('send queue full (100 messages)')
  })

  it('drops messages older than the time to live when flushed, and says how many', () => {
    let now = 0
    const { q, logged, flushed } = queue({ ttl: 100 }, () => now)
    q.push('old')
    now = 60
    q.push('fresh')
    now = 101
    expect(flushed()).toEqual(['fresh'])
    expect(logged).toEqual(['warn dropped 1 queued messages past their time to live'])
  })

  it('with limit 0 holds nothing', () => {
    const { q, flushed } = queue({ limit: 0, overflow: 'drop-oldest' })
    expect(q.push('a')).toBe(false)
    expect(flushed()).toEqual([])
  })

  it('clear() discards everything and logs how many', () => {
    const { q, logged, flushed } = queue({})
    q.push('a')
    q.push('b')
    q.clear()
    q.clear()
    expect(flushed()).toEqual([])
    expect(logged).toEqual(['warn dropped 2 queued messages on close'])
  })
})
