/**
 * Exponential backoff with full jitter (AWS "Exponential Backoff And Jitter"): the delay before retry
 * n is uniform in [0, min(maxDelay, baseDelay * 2^(n-1))). Spreads synchronized callers apart.
 */
export function backoff(retry: number, baseDelay: number, maxDelay: number, random: () => number): number {
  const ceiling = Math.min(maxDelay, baseDelay * 2 ** Math.max(0, retry - 1))
  return Math.floor(random() * ceiling)
}
