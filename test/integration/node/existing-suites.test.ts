/**
 * A selection of the runtime and manager integration tests, run again with the Node transport as
 * the process's `fetch`: every client and manager in them then sends through undici's `request`
 * (the client looks fetch up at call time), so each behaviour they prove (retries, timeouts and
 * deadlines, hand-followed redirects, body limits, hostile headers, redaction, logging, the
 * manager's limits) is proved again on this transport. Files that mock with msw are left out:
 * msw patches the global fetch this file replaces.
 */
import { afterAll, expect } from 'vitest'
import { OWNS_ATTEMPT_TIMEOUT } from '../../../runtime/http/transport'
import { createNodeFetch } from '../../../runtime/node/index'

const nativeFetch = globalThis.fetch
const nodeFetch = createNodeFetch()
// Counted, so the file fails if the suites below stopped reaching the transport.
let calls = 0
globalThis.fetch = Object.assign((input: string | URL | Request, init?: RequestInit) => (calls++, nodeFetch(input, init)), { [OWNS_ATTEMPT_TIMEOUT]: true })
afterAll(async () => {
  globalThis.fetch = nativeFetch
  await nodeFetch.close()
  expect(calls).toBeGreaterThan(100)
})

await import('../runtime/faults.test')
await import('../runtime/retry.test')
await import('../runtime/hostile-redirects.test')
await import('../runtime/hostile-headers.test')
await import('../runtime/auth.test')
await import('../runtime/logging.test')
await import('../runtime/client-calls.test')
await import('../runtime/shared-signal.test')
await import('../runtime/accept.test')
await import('../runtime/scraper-errors.test')
await import('../runtime/query-options.test')
await import('../runtime/pagination.test')
await import('../runtime/create-api.test')
await import('../manager/abort.test')
await import('../manager/close.test')
await import('../manager/limits.test')
await import('../manager/manager.test')
await import('../manager/queue.test')
