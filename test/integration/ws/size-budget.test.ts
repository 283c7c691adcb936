import { gzipSync } from 'node:zlib'
import { browserBundle } from '../../../bench/browser-size.mjs'
import { describe, expect, it } from 'vitest'
import { bundleBrowserClient } from '../../helpers/ws-browser'

/**
 * The WebSocket client as a browser app gets it: bundled with browser export conditions (so
 * crossws/websocket is the 28-byte native re-export, not `ws`), minified, gzip -9.
 *
 * The target is 2,048 bytes; the full client (reconnect, heartbeat, queue, auth, typed
 * messages, errors, logging with shared redaction and Retry-After parsing) is about 5.5 KB, see
 * docs/benchmarks/websocket.md. This budget guards against growth from here; the plain client
 * (features left out) has its own, lower budget.
 */
// +~150 B with issue 12 (ConfigurationError, the errno and give-up reason in messages, credential registration in redact).
// 6,042 measured before issue 13's split into a pure state machine and a shell (+~760 B: the machine's events and
// effects, and the feature seams that took logging, auth and the size limit out of the plain client); 6,799 after.
const BUDGET_GZIP = 6_850

/**
 * A plain client (`createWebSocketCore`, no features): what an app pays when it opts in to nothing.
 * 4,857 measured before issue 13, 4,173 after (reconnect decisions, queue, heartbeat error, logging,
 * auth placement and the size limit moved into their features), 4,084 once the refused-handshake
 * reading went to `reconnectFeature` and the heartbeat timeout to `heartbeatFeature`, 3,990 once the
 * client redacted through `hideUrlSecrets` (it has no opt-out) and the handshake-preparation error
 * went to `wsAuthFeature`, 3,953 once the refused-upgrade listener went to `reconnectFeature`
 * (budget: +2 %). The target is 3,000 (not met: docs/benchmarks/websocket.md says what is left).
 */
const PLAIN_BUDGET_GZIP = 4_030

describe('WebSocket client browser build size', () => {
  it(`a plain client stays within ${PLAIN_BUDGET_GZIP} bytes min+gzip, without the opt-in features`, async () => {
    const {
      code,
      gzip: gz,
      kept,
    } = await browserBundle(`export { createWebSocketCore } from './runtime/ws/index'`, { resolveDir: process.cwd(), target: 'es2022' })
    expect(gz).toBeLessThanOrEqual(PLAIN_BUDGET_GZIP)
    expect(gz).toBeGreaterThan(1_000)
    expect(kept.filter((i) => /ws\/(reconnect|heartbeat|send-queue|handshake|log|message-size|refusal)|retry-after/.test(i))).toEqual([])
    expect(code).not.toMatch(/node:|require\(|createRequire|Sec-WebSocket-Key/)
  })

  it(`stays within ${BUDGET_GZIP} bytes min+gzip and pulls in no Node code`, async () => {
    const code = await bundleBrowserClient(true)
    const gz = gzipSync(code, { level: 9 }).length
    expect(gz).toBeLessThanOrEqual(BUDGET_GZIP)
    expect(gz).toBeGreaterThan(1_000) // a broken (empty) bundle must not pass
    expect(code).not.toMatch(/node:|require\(|createRequire|Sec-WebSocket-Key/)
    expect(code).toContain('globalThis.WebSocket')
  })
})
