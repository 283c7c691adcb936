import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import fc from 'fast-check'
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { BodyTooLargeError, ParseError, RequestError } from '../../runtime/index'
import { createApi } from '../../runtime/internal'
import type { OperationDef } from '../../runtime/api/types'

/**
 * Bad input at run time, through `createApi` (what generated modules call) against a real server
 * on 127.0.0.1: what reaches the wire is percent-encoded, what cannot be sent safely is a typed
 * error before any connection is made, and hostile responses end in typed errors.
 */
type Handler = (req: IncomingMessage, res: ServerResponse) => void
let server: Server
let base: string
let handler: Handler
let connections = 0
const seen: string[] = []
const tally = { tried: 0, passed: 0 }

beforeAll(async () => {
  server = createServer((req, res) => {
    seen.push(req.url ?? '')
    handler(req, res)
  })
  server.on('connection', () => connections++)
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r))
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
})

afterAll(async () => {
  server.closeAllConnections()
  await new Promise((r) => server.close(r))
  console.log(`[robustness] runtime bad input: ${tally.tried} cases tried, ${tally.passed} passed`)
})

beforeEach(() => {
  seen.length = 0
  handler = (_, res) => res.writeHead(200, { 'content-type': 'application/json' }).end('{"ok":true}')
})

const ok = { '200': { contentTypes: ['application/json'] } }
/** An operation as a generated module makes it; built on first call, once the server's port is known. */
const operation = (def: Partial<OperationDef>, options = {}) => {
  let made: ((...args: unknown[]) => Promise<unknown>) | undefined
  return (input?: unknown, perCall?: unknown): Promise<unknown> => {
    if (!made) {
      const api = createApi({ name: 'robust', servers: [{ url: base }] })
      api.configure({ retry: false, ...options } as never)
      made = api.operation({ id: 'op', method: 'GET', path: '/x', responses: ok, ...def }) as never
    }
    return made(input, perCall)
  }
}

/** Runs one case and counts it; the body throws when the case fails. */
async function trial(run: () => Promise<void>): Promise<void> {
  tally.tried++
  await run()
  tally.passed++
}

/** Calls the operation, expecting a typed error and no connection at all. */
async function refusedBeforeSending(call: () => Promise<unknown>, type: new (...args: never[]) => Error, code: string): Promise<Error> {
  const before = connections
  const error = await call().then(
    () => undefined,
    (e: unknown) => e,
  )
  expect(error).toBeInstanceOf(type)
  expect((error as { code?: string }).code).toBe(code)
  expect(connections, 'nothing reached the server').toBe(before)
  return error as Error
}

describe('path parameters', () => {
  const getFile = operation({ path: '/files/{name}/meta', params: [{ name: 'name', in: 'path', required: true, style: 'simple', explode: false }] })
  const values = [
    '../../admin',
    '..%2f..%2fadmin',
    'a/b',
    'x?admin=1',
    'x#frag',
    'a b',
    'ä/😀',
    '%00',
    'a\r\nb',
    '\\..\\',
    '.../',
    'a;b=c',
    '@evil.com',
    '%2e%2E',
    '.%2e',
    '...',
  ]

  it.each(values)('%j stays inside one path segment', async (value) =>
    trial(async () => {
      await getFile({ path: { name: value } })
      const url = seen.at(-1) ?? ''
      expect(url.startsWith('/files/')).toBe(true)
      expect(url.endsWith('/meta')).toBe(true)
      const segment = url.slice('/files/'.length, -'/meta'.length)
      expect(segment).not.toMatch(/[/?#]/)
      expect(decodeURIComponent(segment)).toBe(value)
    }),
  )

  it.each(['..', '.'])('%j, a segment URLs read as a directory step, is a typed error before sending', async (value) =>
    trial(async () => {
      const error = await refusedBeforeSending(() => getFile({ path: { name: value } }), RequestError, 'ERR_PATH_PARAMETER')
      expect(error.message).toMatch(/GET \/files\/\{name\}\/meta \(op\).*"name"/)
    }),
  )

  it('a missing or empty required path parameter is a typed error before sending', () =>
    trial(async () => {
      await refusedBeforeSending(() => getFile({ path: {} }), RequestError, 'ERR_MISSING_PARAMETER')
      await refusedBeforeSending(() => getFile({ path: { name: '' } }), RequestError, 'ERR_MISSING_PARAMETER')
    }))
})

describe('random values (fast-check)', () => {
  const both = operation({
    path: '/v/{name}',
    params: [
      { name: 'name', in: 'path', required: true, style: 'simple', explode: false },
      { name: 'q', in: 'query', style: 'form', explode: true },
    ],
  })

  it('any string round-trips through one path segment and one query value, or is a typed error before sending', async () => {
    let typed = 0
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(
          fc.string({ unit: 'binary', maxLength: 16 }),
          fc.string({ unit: 'grapheme', maxLength: 4 }).map((s) => `${s}\ud800`),
        ),
        async (value) => {
          tally.tried++
          const before = connections
          const count = seen.length
          const error = await both({ path: { name: value }, query: { q: value } }).then(
            () => undefined,
            (e: unknown) => e,
          )
          if (error !== undefined) {
            // Only what cannot be written: empty, `.`/`..`, or text that is not valid UTF-16.
            expect(error, String(error)).toBeInstanceOf(RequestError)
            expect((error as RequestError).message).toMatch(/GET \/v\/\{name\} \(op\): (path parameter "name"|missing required)/)
            expect(seen.length).toBe(count)
            expect(connections).toBe(before)
            typed++
          } else {
            const url = new URL(seen.at(-1) ?? '', base)
            expect(url.pathname.startsWith('/v/')).toBe(true)
            expect(decodeURIComponent(url.pathname.slice(3))).toBe(value)
            expect(url.searchParams.get('q')).toBe(value)
          }
          tally.passed++
        },
      ),
      { numRuns: 150, seed: 20261125 },
    )
    expect(typed).toBeLessThan(150)
  })
})

describe('headers', () => {
  const traced = operation({ params: [{ name: 'X-Trace', in: 'header', required: true, style: 'simple', explode: false }] })

  it.each(['a\r\nInjected: 1', 'a\nb', 'a\rb', 'a\0b', ['ok', 'x\r\nSet-Cookie: a=b']])('header parameter %j is refused before anything is sent', (value) =>
    trial(async () => {
      await refusedBeforeSending(() => traced({ header: { 'X-Trace': value } }), RequestError, 'ERR_HEADER_VALUE')
    }),
  )

  it('a hand-set header with CR/LF is refused too, and so is a header name', () =>
    trial(async () => {
      await refusedBeforeSending(() => traced({ header: { 'X-Trace': 'ok' } }, { headers: { 'X-Other': 'a\r\nb' } }), RequestError, 'ERR_HEADER_VALUE')
      await refusedBeforeSending(() => traced({ header: { 'X-Trace': 'ok' } }, { headers: { 'X-A\r\nB': 'v' } }), RequestError, 'ERR_HEADER_VALUE')
    }))

  it('a missing required header parameter is a typed error before sending', () =>
    trial(async () => {
      await refusedBeforeSending(() => traced({}), RequestError, 'ERR_MISSING_PARAMETER')
    }))

  it('cookie parameters cannot add cookies or headers', () =>
    trial(async () => {
      let cookie: string | undefined
      handler = (req, res) => {
        cookie = req.headers.cookie
        res.writeHead(204).end()
      }
      const withCookie = operation({ params: [{ name: 'session', in: 'cookie', style: 'form', explode: true }], responses: { '204': { contentTypes: [] } } })
      await withCookie({ cookie: { session: 'a; admin=1\r\nX: y' } })
      expect(cookie).toBe(`session=${encodeURIComponent('a; admin=1\r\nX: y')}`)
    }))
})

describe('query parameters', () => {
  const search = operation({
    params: [
      { name: 'q', in: 'query', style: 'form', explode: true },
      { name: 'tags', in: 'query', style: 'form', explode: true },
      { name: 'ids', in: 'query', style: 'form', explode: false },
      { name: 'filter', in: 'query', style: 'deepObject', explode: true },
      { name: 'page', in: 'query', style: 'form', explode: true, required: true },
    ],
  })

  it('are serialized as the document says, with every delimiter in a value encoded', () =>
    trial(async () => {
      await search({ query: { q: 'a&b=c#d?e', tags: ['x', 'y z'], ids: [1, 2], filter: { role: 'admin&x=1' }, page: 1 } })
      const url = new URL(seen.at(-1) ?? '', base)
      expect(url.pathname).toBe('/x')
      expect(url.hash).toBe('')
      expect([...url.searchParams]).toEqual([
        ['q', 'a&b=c#d?e'],
        ['tags', 'x'],
        ['tags', 'y z'],
        ['ids', '1,2'],
        ['filter[role]', 'admin&x=1'],
        ['page', '1'],
      ])
    }))

  it('a missing required query parameter is a typed error before sending', () =>
    trial(async () => {
      await refusedBeforeSending(() => search({ query: { q: 'x' } }), RequestError, 'ERR_MISSING_PARAMETER')
    }))
})

describe('hostile responses', () => {
  it('a body over maxBodyBytes is a BodyTooLargeError, and the rest is not read', () =>
    trial(async () => {
      let written = 0
      let stopped = false
      handler = (_, res) => {
        res.writeHead(200, { 'content-type': 'application/json' })
        const chunk = Buffer.alloc(64 * 1024, 0x20)
        const pump = (): void => {
          // An endless body: only the client giving up ends it.
          while (!stopped && written < 512 * 1024 * 1024 && res.write(chunk)) written += chunk.length
          if (!stopped) res.once('drain', pump)
        }
        res.on('close', () => {
          stopped = true
        })
        pump()
      }
      const big = operation({}, { maxBodyBytes: 256 * 1024 })
      const error = await big().then(
        () => undefined,
        (e: unknown) => e,
      )
      expect(error).toBeInstanceOf(BodyTooLargeError)
      expect((error as BodyTooLargeError).limit).toBe(256 * 1024)
      await expect.poll(() => stopped, { timeout: 5_000 }).toBe(true)
      // Socket buffers hold a few MB at most; an unbounded read would have pulled 512 MB.
      expect(written).toBeLessThan(32 * 1024 * 1024)
    }))

  it('a declared Content-Length over the limit fails without waiting for the body', () =>
    trial(async () => {
      handler = (_, res) => {
        res.writeHead(200, { 'content-type': 'application/json', 'content-length': String(10 ** 12) })
        res.write('{"a":')
      }
      const started = performance.now()
      await expect(operation({}, { maxBodyBytes: 1024 })()).rejects.toBeInstanceOf(BodyTooLargeError)
      expect(performance.now() - started).toBeLessThan(5_000)
    }))

  it.each(['{"a":', 'not json', '{"a":1}garbage', '\u0000'])('invalid JSON %j is a ParseError naming the request', (body) =>
    trial(async () => {
      handler = (_, res) => res.writeHead(200, { 'content-type': 'application/json' }).end(body)
      const error = await operation({})().then(
        () => undefined,
        (e: unknown) => e,
      )
      expect(error).toBeInstanceOf(ParseError)
      expect((error as Error).message).toContain(`GET ${base}/x`)
    }),
  )
})
