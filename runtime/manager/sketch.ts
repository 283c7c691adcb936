/**
 * Latency quantiles in constant memory: values fall into logarithmic buckets whose width is a fixed
 * fraction of their value (the idea behind DDSketch), so every quantile is within `accuracy` of a
 * value actually recorded, whether latencies are 2 ms or 20 s. A million requests cost a few
 * hundred counters, not a million samples.
 */

export interface QuantileSketch {
  add(value: number): void
  /** The q-quantile (0..1) of what was added, or undefined when empty. */
  quantile(q: number): number | undefined
  readonly count: number
  readonly min: number | undefined
  readonly max: number | undefined
}

export function createSketch(accuracy = 0.01): QuantileSketch {
  const gamma = (1 + accuracy) / (1 - accuracy)
  const logGamma = Math.log(gamma)
  const buckets = new Map<number, number>()
  let zeros = 0
  let count = 0
  let min: number | undefined
  let max: number | undefined

  return {
    add(value) {
      if (!Number.isFinite(value) || value < 0) return
      count++
      min = min === undefined ? value : Math.min(min, value)
      max = max === undefined ? value : Math.max(max, value)
      // Values under a microsecond are indistinguishable from zero for request latencies.
      if (value < 1e-3) {
        zeros++
        return
      }
      const index = Math.ceil(Math.log(value) / logGamma)
      buckets.set(index, (buckets.get(index) ?? 0) + 1)
    },
    quantile(q) {
      if (count === 0) return undefined
      const rank = Math.min(count - 1, Math.max(0, Math.floor(q * (count - 1))))
      if (rank < zeros) return 0
      let seen = zeros
      for (const index of [...buckets.keys()].sort((a, b) => a - b)) {
        seen += buckets.get(index) ?? 0
        if (seen > rank) {
          // The bucket's midpoint (in relative terms), kept within what was actually seen.
          const estimate = (2 * gamma ** index) / (gamma + 1)
          return Math.min(max ?? estimate, Math.max(min ?? estimate, estimate))
        }
      }
      return max
    },
    get count() {
      return count
    },
    get min() {
      return min
    },
    get max() {
      return max
    },
  }
}
