import { createHttpClient, RateLimitedError } from '@codomyrmex/networking/runtime'

export async function main(baseUrl: string) {
  const reasons: string[] = []
  const http = createHttpClient({
    baseUrl,
    // Defaults: 2 retries, statuses 408 425 429 500 502 503 504, full-jitter backoff from 300 ms,
    // Retry-After honoured up to 60 s, a per-origin retry budget.
    retry: { limit: 3, baseDelay: 50, maxDelay: 1_000, maxRetryAfter: 5_000 },
    timeout: 2_000, // per attempt
    deadline: 10_000, // whole call, waits included
    hooks: { onRetry: ({ attempt, reason, delay, delaySource }) => void reasons.push(`#${attempt} ${reason} → ${delaySource} ${delay} ms`) },
  })

  // The server answers 503 twice (with Retry-After: 0), then 200.
  const flaky = await http.get<{ ok: boolean }>('/flaky')

  // POST is retried only when declared safe to repeat, or with an Idempotency-Key (same on every attempt).
  await http.post('/flaky-post', { order: 1 }, { idempotencyKey: true })

  // A Retry-After longer than maxRetryAfter ends the call at once, saying when to come back.
  let retryAt: Date | undefined
  try {
    await http.get('/rate-limited', { retry: { maxRetryAfter: 1_000 } })
  } catch (error) {
    if (error instanceof RateLimitedError) retryAt = error.retryAt
    else throw error
  }

  // One attempt only:
  await http.get('/pets', { retry: false })
  return { ok: flaky.ok, reasons, retryAt }
}
