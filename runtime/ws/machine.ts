import type { CloseInfo, WebSocketState } from './types'

/**
 * The WebSocket client's lifecycle as a pure function: `transition(state, event)` returns the next
 * state and the effects the shell (`client.ts`) performs (dial, timers, socket close, finishing).
 * No sockets, timers or clock in here: the shell puts the time and a random draw on each event,
 * so every path is table-tested (test/unit/ws/machine.test.ts).
 */

/** What reconnect decides after a loss: plugged in by `reconnectFeature`, absent in a plain client. */
export type ReconnectPolicy = (state: Machine, error: Error, code: number | undefined, event: { now: number; random: number }) => Step

export interface Machine {
  phase: WebSocketState
  /** `close()` was called: nothing reopens, late dial results are abandoned. */
  ending: boolean
  /** Reconnect attempts since the connection was lost (or since `connect()`). */
  attempt: number
  lostAt: number
  openedAt: number
  /** Whether a connection was ever open (the next open is a reconnect). */
  opened: boolean
  lastClose: CloseInfo
  /** Why the client closed, when it was not a clean or requested close. */
  final?: Error
  /** The token of the attempt under way. */
  token?: string
  /** The token the server refused, and how: no connection is attempted with it again. */
  refused?: { token: string | undefined; error: Error; code: number | undefined }
  readonly reconnect?: ReconnectPolicy
}

export type MachineEvent =
  | { type: 'connect'; now: number }
  /** The token provider answered for the attempt under way. */
  | { type: 'token'; token: string | undefined; now: number; random: number }
  | { type: 'open'; now: number }
  /** A connection attempt failed (dial, handshake or token provider); `code` when the server closed. */
  | { type: 'fail'; error: Error; code?: number; now: number; random: number }
  /** An open socket is gone; `error` is its `WebSocketClosedError`. */
  | { type: 'drop'; info: CloseInfo; error: Error; now: number; random: number }
  | { type: 'close'; code: number; reason: string }
  /** The reconnect timer fired. */
  | { type: 'retry' }

export type Effect =
  /** Ask the token provider, then send a `token` event. */
  | { type: 'attempt' }
  | { type: 'dial'; token: string | undefined; attempt: number }
  /** The dial succeeded: attach the session; `again` when it is a reconnect. */
  | { type: 'open'; again: boolean; attempts: number }
  /** The dial succeeded after `close()`: drop that socket. */
  | { type: 'abandon' }
  /** Reconnect after `delay` ms; `detail` is the error's message without its URL prefix. */
  | { type: 'wait'; delay: number; attempt: number; reason: 'backoff' | 'retry-after' | 'awaiting a new token'; error: Error; detail: string }
  /** Start the close handshake of the open socket. */
  | { type: 'shut'; code: number; reason: string }
  /** Tear everything down; `error` is reported when the close was not asked for or clean. */
  | { type: 'finish'; error?: Error }

export interface Step {
  state: Machine
  effects: Effect[]
}

export function initial(reconnect?: ReconnectPolicy): Machine {
  return { phase: 'idle', ending: false, attempt: 0, lostAt: 0, openedAt: 0, opened: false, lastClose: { code: 1000, reason: '', wasClean: true }, reconnect }
}

const step = (state: Machine, ...effects: Effect[]): Step => ({ state, effects })

export function finish(m: Machine, error?: Error): Step {
  return m.phase === 'closed' ? step(m) : step({ ...m, phase: 'closed', final: error }, { type: 'finish', error })
}

/** A connection (or an attempt at one) is lost: reconnect if the policy says so, else finish. */
function lost(m: Machine, error: Error, code: number | undefined, e: { now: number; random: number }): Step {
  if (m.reconnect) return m.reconnect(m, error, code, e)
  return finish(m, code === 1000 && m.lastClose.wasClean ? undefined : error)
}

export function transition(m: Machine, e: MachineEvent): Step {
  const done = m.ending || m.phase === 'closed'
  switch (e.type) {
    case 'connect':
      return m.phase !== 'idle' || done ? step(m) : step({ ...m, phase: 'connecting', lostAt: e.now }, { type: 'attempt' })
    case 'retry':
      return done ? step(m) : step(m, { type: 'attempt' })
    case 'token':
      if (done) return step(m)
      // Credentials the server refused are not tried again: wait (on the backoff schedule) for
      // the provider to hand out a new token.
      if (m.refused && e.token === m.refused.token) return lost(m, m.refused.error, m.refused.code, e)
      return step({ ...m, refused: undefined, token: e.token }, { type: 'dial', token: e.token, attempt: m.attempt })
    case 'open':
      if (done) return step(m, { type: 'abandon' })
      return step({ ...m, phase: 'open', openedAt: e.now, opened: true }, { type: 'open', again: m.opened, attempts: m.attempt })
    case 'fail':
      return done ? step(m) : lost(m, e.error, e.code, e)
    case 'drop': {
      const next = { ...m, lastClose: e.info }
      return m.ending ? finish(next) : lost({ ...next, lostAt: e.now }, e.error, e.info.code, e)
    }
    case 'close':
      if (m.ending) return step(m)
      if (m.phase === 'open') return step({ ...m, ending: true, phase: 'closing' }, { type: 'shut', code: e.code, reason: e.reason })
      return finish({ ...m, ending: true })
  }
}
