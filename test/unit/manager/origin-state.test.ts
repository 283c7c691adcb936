import { describe, expect, it } from 'vitest'
import { createEventHub } from '../../../runtime/manager/events'
import { createOriginRegistry } from '../../../runtime/manager/origin-state'
import { rateLimiting } from '../../../runtime/manager/rate-limiting'
import { memoryStore } from '../../../runtime/manager/store'

describe('origin registry', () => {
  it('merges per-origin overrides (normalised) over the defaults', () => {
    const registry = createOriginRegistry(
      { maxConcurrent: 5, breaker: false },
      { 'https://a.example/some/path': { rateLimit: { rate: 2 } } },
      createEventHub(() => {}),
      () => 0,
      undefined,
      undefined,
      memoryStore(),
      undefined,
      rateLimiting,
    )
    const a = registry.get('https://a.example')
    expect(a.bucket?.snapshot().rate).toBe(2)
    expect(a.breaker).toBeUndefined()
    const b = registry.get('https://b.example')
    expect(b.bucket).toBeUndefined()
    expect(registry.get('https://a.example')).toBe(a)
  })

  it('forgets the least recently used idle origin past maxOrigins, never a busy one', async () => {
    const forgotten: string[] = []
    const registry = createOriginRegistry(
      { maxConcurrent: 1 },
      {},
      createEventHub(() => {}),
      () => 0,
      2,
      (o) => forgotten.push(o),
    )
    const busy = registry.get('https://busy.example')
    const release = await busy.limiter.acquire('c')
    registry.get('https://idle.example')
    registry.get('https://new.example')
    expect(forgotten).toEqual(['https://idle.example'])
    registry.get('https://busy.example') // used again: now the most recent
    registry.get('https://newer.example')
    expect(forgotten).toEqual(['https://idle.example', 'https://new.example'])
    expect(registry.all().map((s) => s.origin)).toEqual(['https://busy.example', 'https://newer.example'])
    release()
  })
})
