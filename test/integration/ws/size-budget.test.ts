import { gzipSync } from 'node:zlib'
import { describe, expect, it } from 'vitest'
import { bundleBrowserClient } from '../../helpers/ws-browser'

/**
 * The WebSocket client as a browser app gets it: bundled with browser export conditions (so
 * crossws/websocket is the 28-byte native re-export, not `ws`), minified, gzip -9.
 *
 * The target is 2,048 bytes; the full client (reconnect, heartbeat, queue, auth, typed
 * messages, errors, logging with shared redaction and Retry-After parsing) is about 5.5 KB, see
 * docs/benchmarks/websocket.md. This budget guards against growth from here.
 */
const BUDGET_GZIP = 5_700

describe('WebSocket client browser build size', () => {
  it(`stays within ${BUDGET_GZIP} bytes min+gzip and pulls in no Node code`, async () => {
    const code = await bundleBrowserClient(true)
    const gz = gzipSync(code, { level: 9 }).length
    expect(gz).toBeLessThanOrEqual(BUDGET_GZIP)
    expect(gz).toBeGreaterThan(1_000) // a broken (empty) bundle must not pass
    expect(code).not.toMatch(/node:|require\(|createRequire|Sec-WebSocket-Key/)
    expect(code).toContain('globalThis.WebSocket')
  })
})
