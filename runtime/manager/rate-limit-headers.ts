import { parseRetryAfter as waitFor } from '../policy/retry-after'

/**
 * What a response says about the client's remaining quota, read from the headers servers actually
 * send. Pure: the clock is passed in. Formats, newest first:
 * - IETF draft 7+: `RateLimit: "default";r=50;t=30` (r = remaining, t = seconds to reset);
 * - IETF drafts up to 6: `RateLimit: limit=100, remaining=50, reset=30`, or the three separate
 *   `RateLimit-Limit` / `RateLimit-Remaining` / `RateLimit-Reset` (delta seconds);
 * - the de-facto `X-RateLimit-Limit` / `-Remaining` / `-Reset`, whose reset is delta seconds for
 *   some servers and a Unix time for others (GitHub): a value larger than a day is taken as a time.
 * `Retry-After` (seconds or HTTP-date) and `retry-after-ms` say when to try again after a refusal.
 */

export interface HeaderSource {
  get(name: string): string | null
}

export interface RateLimitInfo {
  limit?: number
  remaining?: number
  /** Epoch ms when the quota resets. */
  resetAt?: number
  /** Epoch ms the server asked us to wait until (`Retry-After`, `retry-after-ms`). */
  retryAt?: number
}

const DAY_SECONDS = 86_400

function number(value: string | null | undefined): number | undefined {
  if (value === null || value === undefined) return undefined
  const text = value.trim()
  if (!/^\d+(\.\d+)?$/.test(text)) return undefined
  return Number(text)
}

function resetToEpoch(seconds: number | undefined, now: number): number | undefined {
  if (seconds === undefined) return undefined
  if (seconds > DAY_SECONDS) {
    // A Unix time; in ms already when it is absurdly large for seconds.
    return seconds > 1e12 ? seconds : seconds * 1000
  }
  return now + seconds * 1000
}

/** Parses a `key=value` list, both `,`-separated (old drafts) and `;`-parameters (new drafts). */
function parameters(value: string): Map<string, string> {
  const map = new Map<string, string>()
  for (const part of value.split(/[;,]/)) {
    const eq = part.indexOf('=')
    if (eq > 0) map.set(part.slice(0, eq).trim().toLowerCase(), part.slice(eq + 1).trim())
  }
  return map
}

/** Epoch ms the server asked us to wait until; parsed (and clamped) by the retry policy's parser. */
export function parseRetryAfter(headers: HeaderSource, now: number): number | undefined {
  const ms = waitFor((name) => headers.get(name), now)
  return ms === undefined ? undefined : now + ms
}

export function parseRateLimit(headers: HeaderSource, now: number): RateLimitInfo {
  const info: RateLimitInfo = {}
  const combined = headers.get('ratelimit')
  if (combined) {
    const p = parameters(combined)
    info.remaining = number(p.get('r') ?? p.get('remaining'))
    info.limit = number(p.get('limit'))
    info.resetAt = resetToEpoch(number(p.get('t') ?? p.get('reset')), now)
    if (info.limit === undefined) {
      const policy = headers.get('ratelimit-policy')
      if (policy) info.limit = number(parameters(policy).get('q'))
    }
  }
  for (const prefix of ['ratelimit-', 'x-ratelimit-']) {
    info.limit ??= number(headers.get(`${prefix}limit`))
    info.remaining ??= number(headers.get(`${prefix}remaining`))
    info.resetAt ??= resetToEpoch(number(headers.get(`${prefix}reset`)), now)
  }
  const retryAt = parseRetryAfter(headers, now)
  if (retryAt !== undefined) info.retryAt = retryAt
  for (const key of Object.keys(info) as (keyof RateLimitInfo)[]) if (info[key] === undefined) delete info[key]
  return info
}
