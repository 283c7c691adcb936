import { WebSocketConnectError, type WebSocketHandshakeError } from '../errors/websocket'
import { finish, type Machine, type ReconnectPolicy } from './machine'

/**
 * When to reconnect and after how long: pure, with the elapsed time and randomness passed in, so
 * the schedule is table-tested without sockets or timers.
 */

export interface ReconnectOptions {
  /** Upper bound of the first delay, in ms. @default 500 */
  initialDelay?: number
  /** Cap on any backoff delay, in ms. @default 30_000 */
  maxDelay?: number
  /** Growth of the delay bound per attempt. @default 2 */
  factor?: number
  /** Attempts after a connection is lost before giving up. @default Infinity */
  maxAttempts?: number
  /** Give up this many ms after the connection was lost. @default Infinity */
  deadline?: number
  /** A connection that stayed open this long resets the attempt count, in ms. @default 5_000 */
  minUptime?: number
  /** Close codes that mean "credentials refused": no reconnect until the token changes. @default [1008, 4401, 4403] */
  authCodes?: number[]
  /** Longest server-requested wait (`Retry-After`) that is honoured, in ms. @default 60_000 */
  maxRetryAfter?: number
}

export type ResolvedReconnect = Required<ReconnectOptions>

export function resolveReconnect(options: ReconnectOptions = {}): ResolvedReconnect {
  return {
    initialDelay: 500,
    maxDelay: 30_000,
    factor: 2,
    maxAttempts: Infinity,
    deadline: Infinity,
    minUptime: 5_000,
    authCodes: [1008, 4401, 4403],
    maxRetryAfter: 60_000,
    ...options,
  }
}

/**
 * "Full jitter" (AWS architecture blog, "Exponential Backoff and Jitter"): a uniform draw in
 * [0, bound) where the bound grows exponentially. It spreads a crowd of clients that lost the same
 * server over the whole window instead of bunching them at fixed steps.
 */
export function backoffDelay(attempt: number, o: ResolvedReconnect, random: () => number): number {
  const bound = Math.min(o.maxDelay, o.initialDelay * o.factor ** Math.max(0, attempt - 1))
  return Math.floor(random() * bound)
}

export type ReconnectDecision =
  | { retry: true; delay: number; reason: 'backoff' | 'retry-after' }
  | { retry: false; reason: 'attempts' | 'deadline' | 'retry-after' }

export interface ReconnectInput {
  /** The attempt about to be made, from 1. */
  attempt: number
  /** ms since the connection was lost (or since the first connect began). */
  elapsed: number
  /** ms the server asked to wait, if it said (handshake 429/503 `Retry-After`). */
  retryAfter?: number
}

export function decideReconnect(input: ReconnectInput, o: ResolvedReconnect, random: () => number): ReconnectDecision {
  if (input.attempt > o.maxAttempts) return { retry: false, reason: 'attempts' }
  if (input.elapsed >= o.deadline) return { retry: false, reason: 'deadline' }
  const left = o.deadline - input.elapsed
  if (input.retryAfter !== undefined) {
    // The server's timing wins over backoff, unjittered; asking for more than we may wait is a no.
    const wait = Math.max(0, input.retryAfter)
    if (wait > o.maxRetryAfter || wait >= left) return { retry: false, reason: 'retry-after' }
    return { retry: true, delay: wait, reason: 'retry-after' }
  }
  return { retry: true, delay: Math.min(backoffDelay(input.attempt, o, random), left), reason: 'backoff' }
}

/** Whether a close code says the credentials were refused (so reconnecting with them is pointless). */
export function isAuthFailure(code: number, o: ResolvedReconnect): boolean {
  return o.authCodes.includes(code)
}

const GIVE_UP = { attempts: 'maxAttempts reached', deadline: 'reconnect deadline passed', 'retry-after': 'the server asked to wait longer than allowed' }

/** An error's message without the `WebSocket <url>: ` prefix every one of ours carries. */
const detail = (error: Error): string => error.message.replace(/^WebSocket \S+: /, '')

/**
 * The machine's answer to a lost connection when reconnect is on (`reconnectFeature`): pure, with
 * the time and a random draw taken from the event. `rotating`: the token comes from a provider,
 * so refused credentials may be replaced; a fixed token that was refused ends the client.
 */
export function reconnectPolicy(options: ReconnectOptions, url: string, rotating: boolean): ReconnectPolicy {
  const rc = resolveReconnect(options)
  return (m, error, code, e) => {
    const { status, retryAfter } = error as WebSocketHandshakeError
    let refused = m.refused
    if (code !== undefined ? isAuthFailure(code, rc) : status === 401 || status === 403) {
      // Reconnecting with refused credentials only hammers the server.
      if (!rotating) return finish(m, error)
      refused = { token: m.token, error, code }
    }
    // A connection that stayed up long enough earns a fresh attempt count.
    const attempt = (m.phase === 'open' && e.now - m.openedAt >= rc.minUptime ? 0 : m.attempt) + 1
    const next: Machine = { ...m, attempt, refused }
    const decision = decideReconnect({ attempt, elapsed: e.now - m.lostAt, retryAfter }, rc, () => e.random)
    if (!decision.retry) {
      const message = `gave up reconnecting after ${attempt - 1} attempts (${GIVE_UP[decision.reason]}); last: ${detail(error)}`
      return finish(next, new WebSocketConnectError(url, message, { code: 'ERR_WS_RECONNECT', cause: error }))
    }
    const reason = refused ? 'awaiting a new token' : decision.reason
    return { state: { ...next, phase: 'reconnecting' }, effects: [{ type: 'wait', delay: decision.delay, attempt, reason, error, detail: detail(error) }] }
  }
}
