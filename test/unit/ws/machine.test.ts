import { describe, expect, it } from 'vitest'
import { WebSocketConnectError, WebSocketHandshakeError } from '../../../runtime/errors/websocket'
import { type Effect, initial, type Machine, type MachineEvent, transition } from '../../../runtime/ws/machine'
import { reconnectPolicy } from '../../../runtime/ws/reconnect'

const URL_ = 'ws://h/feed'
const lostError = new Error('WebSocket ws://h/feed: closed with code 1006')
const at = { now: 1_000, random: 0.5 }
const info = (code: number, wasClean = code === 1000) => ({ code, reason: '', wasClean })

/** Runs events from a state; returns the phases passed through and every effect's type. */
function run(from: Machine, events: MachineEvent[]): { state: Machine; phases: string[]; effects: Effect[] } {
  let state = from
  const phases: string[] = []
  const effects: Effect[] = []
  for (const e of events) {
    const next = transition(state, e)
    state = next.state
    phases.push(state.phase)
    effects.push(...next.effects)
  }
  return { state, phases, effects }
}

const types = (effects: Effect[]) => effects.map((e) => e.type)
const opened = (m: Machine) =>
  run(m, [
    { type: 'connect', now: 0 },
    { type: 'token', token: 't', ...at },
    { type: 'open', now: 10 },
  ]).state

describe('WebSocket state machine, plain (no reconnect)', () => {
  const plain = initial()
  it.each<[string, Machine, MachineEvent[], string[], string[]]>([
    [
      'connect asks for a token, the token dials',
      plain,
      [
        { type: 'connect', now: 0 },
        { type: 'token', token: 't', ...at },
      ],
      ['connecting', 'connecting'],
      ['attempt', 'dial'],
    ],
    ['a second connect does nothing', opened(plain), [{ type: 'connect', now: 5 }], ['open'], []],
    [
      'an open dial opens',
      plain,
      [
        { type: 'connect', now: 0 },
        { type: 'token', token: undefined, ...at },
        { type: 'open', now: 10 },
      ],
      ['connecting', 'connecting', 'open'],
      ['attempt', 'dial', 'open'],
    ],
    [
      'a failed dial finishes with the error',
      plain,
      [
        { type: 'connect', now: 0 },
        { type: 'fail', error: lostError, ...at },
      ],
      ['connecting', 'closed'],
      ['attempt', 'finish'],
    ],
    [
      'close while open starts the close handshake, the drop finishes quietly',
      opened(plain),
      [
        { type: 'close', code: 1000, reason: 'bye' },
        { type: 'drop', info: info(1000), error: lostError, ...at },
      ],
      ['closing', 'closed'],
      ['shut', 'finish'],
    ],
    ['close before connect finishes at once', plain, [{ type: 'close', code: 1000, reason: '' }], ['closed'], ['finish']],
    [
      'close twice does nothing the second time',
      plain,
      [
        { type: 'close', code: 1000, reason: '' },
        { type: 'close', code: 1000, reason: '' },
      ],
      ['closed', 'closed'],
      ['finish'],
    ],
    [
      'a clean 1000 from the server finishes without an error',
      opened(plain),
      [{ type: 'drop', info: info(1000), error: lostError, ...at }],
      ['closed'],
      ['finish'],
    ],
    [
      'a dial that opens after close() is abandoned',
      plain,
      [
        { type: 'connect', now: 0 },
        { type: 'close', code: 1000, reason: '' },
        { type: 'open', now: 3 },
      ],
      ['connecting', 'closed', 'closed'],
      ['attempt', 'finish', 'abandon'],
    ],
    [
      'late token, failure and retry after close do nothing',
      plain,
      [
        { type: 'close', code: 1000, reason: '' },
        { type: 'token', token: 't', ...at },
        { type: 'fail', error: lostError, ...at },
        { type: 'retry' },
        { type: 'connect', now: 9 },
      ],
      ['closed', 'closed', 'closed', 'closed', 'closed'],
      ['finish'],
    ],
  ])('%s', (_name, from, events, phases, effects) => {
    const result = run(from, events)
    expect(result.phases).toEqual(phases)
    expect(types(result.effects)).toEqual(effects)
  })

  it('reports an unclean drop as the error, and a clean one as none', () => {
    const unclean = run(opened(plain), [{ type: 'drop', info: info(1006), error: lostError, ...at }])
    expect(unclean.effects).toEqual([{ type: 'finish', error: lostError }])
    expect(unclean.state).toMatchObject({ final: lostError, lastClose: info(1006) })
    const clean = run(opened(plain), [{ type: 'drop', info: info(1000), error: lostError, ...at }])
    expect(clean.effects).toEqual([{ type: 'finish', error: undefined }])
  })

  it('the dial effect carries the token and the attempt number', () => {
    const { effects } = run(plain, [
      { type: 'connect', now: 0 },
      { type: 'token', token: 'abc', ...at },
    ])
    expect(effects[1]).toEqual({ type: 'dial', token: 'abc', attempt: 0 })
  })

  it('close while open carries the code and reason to the shell', () => {
    expect(run(opened(plain), [{ type: 'close', code: 4001, reason: 'done' }]).effects).toEqual([{ type: 'shut', code: 4001, reason: 'done' }])
  })
})

describe('WebSocket state machine with reconnect', () => {
  const withReconnect = (options = {}, rotating = false) => initial(reconnectPolicy({ initialDelay: 100, ...options }, URL_, rotating))

  it('a drop waits on the backoff schedule (random 0.5 of 100 ms), then the retry asks for a token again', () => {
    const { phases, effects, state } = run(opened(withReconnect()), [{ type: 'drop', info: info(1006), error: lostError, ...at }, { type: 'retry' }])
    expect(phases).toEqual(['reconnecting', 'reconnecting'])
    expect(effects).toEqual([
      { type: 'wait', delay: 50, attempt: 1, reason: 'backoff', error: lostError, detail: 'closed with code 1006' },
      { type: 'attempt' },
    ])
    expect(state.lostAt).toBe(1_000)
  })

  it('the next open is a reconnect, with the attempt count', () => {
    const m = run(opened(withReconnect()), [
      { type: 'drop', info: info(1006), error: lostError, ...at },
      { type: 'retry' },
      { type: 'token', token: 't', ...at },
      { type: 'open', now: 1_100 },
    ])
    expect(m.effects.at(-1)).toEqual({ type: 'open', again: true, attempts: 1 })
  })

  it('counts attempts up to maxAttempts, then gives up naming the limit and keeping the last error', () => {
    const fail: MachineEvent = { type: 'fail', error: new WebSocketConnectError(URL_, 'connection failed (ECONNREFUSED)'), ...at }
    const m = run(withReconnect({ maxAttempts: 2 }), [{ type: 'connect', now: 0 }, fail, { type: 'retry' }, fail, { type: 'retry' }, fail])
    expect(m.phases).toEqual(['connecting', 'reconnecting', 'reconnecting', 'reconnecting', 'reconnecting', 'closed'])
    const finish = m.effects.at(-1) as Extract<Effect, { type: 'finish' }>
    expect(finish.error).toBeInstanceOf(WebSocketConnectError)
    expect(finish.error?.message).toBe(`WebSocket ${URL_}: gave up reconnecting after 2 attempts (maxAttempts reached); last: connection failed (ECONNREFUSED)`)
    expect((finish.error as WebSocketConnectError).code).toBe('ERR_WS_RECONNECT')
  })

  it('a connection that stayed up past minUptime starts counting from 1 again; a short one does not', () => {
    const m1 = { ...opened(withReconnect({ minUptime: 500 })), attempt: 3, openedAt: 0 }
    expect(run(m1, [{ type: 'drop', info: info(1006), error: lostError, now: 600, random: 0 }]).state.attempt).toBe(1)
    expect(run({ ...m1, openedAt: 200 }, [{ type: 'drop', info: info(1006), error: lostError, now: 600, random: 0 }]).state.attempt).toBe(4)
  })

  it("honours the server's Retry-After, and gives up when it is longer than allowed", () => {
    const refused = (ms: number) => new WebSocketHandshakeError(URL_, 503, ms)
    const ok = run(withReconnect(), [
      { type: 'connect', now: 0 },
      { type: 'fail', error: refused(2_000), ...at },
    ])
    expect(ok.effects.at(-1)).toMatchObject({ type: 'wait', delay: 2_000, reason: 'retry-after' })
    const tooLong = run(withReconnect({ maxRetryAfter: 1_000 }), [
      { type: 'connect', now: 0 },
      { type: 'fail', error: refused(2_000), ...at },
    ])
    expect(tooLong.state.phase).toBe('closed')
    expect((tooLong.effects.at(-1) as { error: Error }).error.message).toContain('the server asked to wait longer than allowed')
  })

  it('refused credentials: a fixed token ends the client with the refusal', () => {
    const refusal = new WebSocketHandshakeError(URL_, 401)
    const m = run(withReconnect(), [
      { type: 'connect', now: 0 },
      { type: 'token', token: 'old', ...at },
      { type: 'fail', error: refusal, ...at },
    ])
    expect(m.state.phase).toBe('closed')
    expect(m.effects.at(-1)).toEqual({ type: 'finish', error: refusal })
  })

  it('refused credentials with a provider: waits for a new token, never dials with the refused one', () => {
    const refusal = new WebSocketHandshakeError(URL_, 403)
    const m = run(withReconnect({}, true), [
      { type: 'connect', now: 0 },
      { type: 'token', token: 'old', ...at },
      { type: 'fail', error: refusal, ...at },
      { type: 'retry' },
      { type: 'token', token: 'old', ...at },
      { type: 'retry' },
      { type: 'token', token: 'new', ...at },
    ])
    expect(types(m.effects)).toEqual(['attempt', 'dial', 'wait', 'attempt', 'wait', 'attempt', 'dial'])
    expect(m.effects.filter((e) => e.type === 'wait').map((e) => (e as { reason: string }).reason)).toEqual(['awaiting a new token', 'awaiting a new token'])
    expect(m.effects.at(-1)).toEqual({ type: 'dial', token: 'new', attempt: 2 })
    expect(m.state.refused).toBeUndefined()
  })

  it('an auth close code (4401) counts as refused credentials', () => {
    const m = run(opened(withReconnect()), [{ type: 'drop', info: info(4401, true), error: lostError, ...at }])
    expect(m.state.phase).toBe('closed')
  })

  it('close() while reconnecting finishes; the pending retry then does nothing', () => {
    const m = run(opened(withReconnect()), [
      { type: 'drop', info: info(1006), error: lostError, ...at },
      { type: 'close', code: 1000, reason: '' },
      { type: 'retry' },
    ])
    expect(m.phases).toEqual(['reconnecting', 'closed', 'closed'])
    expect(types(m.effects)).toEqual(['wait', 'finish'])
  })
})
