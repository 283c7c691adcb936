/**
 * The longest wait any header can ask for: setTimeout's limit (about 24.8 days). A longer timer
 * would fire at once, and `now` plus a 20-digit wait is no valid Date.
 */
export const MAX_WAIT = 2_147_483_647

const clamp = (ms: number): number => Math.min(MAX_WAIT, Math.max(0, Math.ceil(ms)))

/**
 * How long the server asked us to wait, in ms, from `retry-after-ms` (Stainless) or `Retry-After`
 * (delta-seconds or any of the three HTTP-date forms, RFC 9110 §5.6.7), at most `MAX_WAIT`.
 * Undefined when absent or malformed, so the caller falls back to backoff rather than giving up.
 * Dates in the past give 0.
 */
export function parseRetryAfter(get: (name: string) => string | null | undefined, now: number): number | undefined {
  const ms = get('retry-after-ms')?.trim()
  if (ms && /^\d+(?:\.\d+)?$/.test(ms)) return clamp(Number(ms))
  const value = get('retry-after')?.trim()
  if (value) {
    if (/^\d+$/.test(value)) return clamp(Number(value) * 1000)
    const date = parseHttpDate(value, now)
    if (date !== undefined) return clamp(date - now)
  }
  return undefined
}

/**
 * When a 429 has no usable Retry-After: the rate-limit reset headers, `RateLimit-Reset` (IETF
 * draft: delta seconds) and `X-RateLimit-Reset` (delta seconds, or epoch seconds as GitHub sends
 * it; a value past 2001-09-09 in seconds can only be a timestamp). Only for 429: GitHub sends the
 * reset time on every response, and it is no reason to wait before retrying a 500.
 */
export function parseRateLimitReset(get: (name: string) => string | null | undefined, now: number): number | undefined {
  const value = (get('ratelimit-reset') ?? get('x-ratelimit-reset'))?.trim()
  if (!value || !/^\d+$/.test(value)) return undefined
  const n = Number(value)
  return clamp(n >= 1e9 ? n * 1000 - now : n * 1000)
}

// Three letters a month; an index that is no multiple of 3 (`anf`) is no month.
const MONTHS = 'janfebmaraprmayjunjulaugsepoctnovdec'
// IMF-fixdate: Sun, 06 Nov 1994 08:49:37 GMT
const IMF = /^[a-z]{3}, (\d{2}) ([a-z]{3}) (\d{4}) (\d{2}):(\d{2}):(\d{2}) GMT$/i
// RFC 850: Sunday, 06-Nov-94 08:49:37 GMT
const RFC850 = /^[a-z]{6,9}, (\d{2})-([a-z]{3})-(\d{2}) (\d{2}):(\d{2}):(\d{2}) GMT$/i
// asctime: Sun Nov  6 08:49:37 1994 (always UTC, although it does not say so)
const ASCTIME = /^[a-z]{3} ([a-z]{3}) ([ \d]\d) (\d{2}):(\d{2}):(\d{2}) (\d{4})$/i

/** Epoch ms of an HTTP-date, or undefined. Parsed by hand: `Date.parse` reads asctime as local time. */
export function parseHttpDate(value: string, now = Date.now()): number | undefined {
  let parts: [day: string, mon: string, year: number, hh: string, mm: string, ss: string]
  let m = IMF.exec(value)
  if (m) parts = [m[1]!, m[2]!, Number(m[3]), m[4]!, m[5]!, m[6]!]
  else if ((m = RFC850.exec(value))) {
    // RFC 9110: a two-digit year that looks more than 50 years ahead is in the past century.
    const thisYear = new Date(now).getUTCFullYear()
    let year = Math.floor(thisYear / 100) * 100 + Number(m[3])
    if (year > thisYear + 50) year -= 100
    parts = [m[1]!, m[2]!, year, m[4]!, m[5]!, m[6]!]
  } else if ((m = ASCTIME.exec(value))) parts = [m[2]!, m[1]!, Number(m[6]), m[3]!, m[4]!, m[5]!]
  else return undefined
  const [day, mon, year, hh, mm, ss] = parts
  const at = MONTHS.indexOf(mon.toLowerCase())
  if (at % 3) return undefined
  const month = at / 3
  const t = Date.UTC(year, month, Number(day.trim()), Number(hh), Number(mm), Number(ss))
  // Round-trip check rejects 31 Feb and friends instead of rolling over.
  return new Date(t).getUTCDate() === Number(day.trim()) ? t : undefined
}
