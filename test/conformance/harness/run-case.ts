import { expect } from 'vitest'
import type { OneOf, Table, WireCase } from './case'
import { parseMultipart } from './multipart'
import type { RecordingServer, Recorded } from './server'

type Op = ((input?: unknown, options?: unknown) => Promise<unknown>) & {
  safe(input?: unknown, options?: unknown): Promise<{ data: unknown; error: unknown; response: Response | undefined }>
}
type Client = Record<string, Op>
type Module = { createClient(options: unknown): Client }

const oneOf = (actual: string | undefined | null, expected: OneOf | null, what: string): void => {
  if (expected === null) expect(actual ?? null, what).toBeNull()
  else if (Array.isArray(expected)) expect(expected, `${what}: got ${JSON.stringify(actual)}`).toContain(actual)
  else expect(actual, what).toBe(expected)
}

/** Runs one case against the recording server and checks the wire and the result. */
export async function runCase(table: Table, c: WireCase, mod: Module, server: RecordingServer, sessions: Map<string, Client>): Promise<void> {
  try {
    await run(table, c, mod, server, sessions)
  } finally {
    c.after?.()
  }
}

async function run(table: Table, c: WireCase, mod: Module, server: RecordingServer, sessions: Map<string, Client>): Promise<void> {
  const setup = c.client ?? {}
  const make = (): Client =>
    mod.createClient({
      baseUrl: typeof setup.baseUrl === 'function' ? setup.baseUrl(server.url) : (setup.baseUrl ?? (setup.serverVariables ? undefined : server.url)),
      auth: setup.auth,
      serverVariables: typeof setup.serverVariables === 'function' ? setup.serverVariables(server.port) : setup.serverVariables,
      server: setup.server,
      headers: setup.headers,
      retry: false,
    })
  c.before?.()
  server.respond(c.reply ?? table.responder)
  server.take()
  let outcome: { data: unknown; error: unknown; response: Response | undefined }
  try {
    const client = (c.session && sessions.get(c.session)) || make()
    if (c.session) sessions.set(c.session, client)
    const op = client[c.op]
    expect(typeof op, `operation ${c.op} in the client tree`).toBe('function')
    outcome = await op!.safe(c.input, c.options)
  } catch (error) {
    // createClient refuses some options (a server variable outside its enum) before any call.
    outcome = { data: undefined, error, response: undefined }
  }
  const recorded = server.take()
  const e = c.expect
  const r = e.result
  if (r?.check) await r.check(outcome)
  if (r?.error) {
    expect(outcome.error, 'an error').toBeDefined()
    expect(outcome.error).toMatchObject(r.error)
  } else {
    if (outcome.error) throw outcome.error
    if ('data' in (r ?? {})) expect(outcome.data).toEqual(r!.data)
  }
  e.requests?.(recorded)
  const wire = e.method ?? e.path ?? e.query ?? e.headers ?? e.cookie ?? e.body ?? e.bytes ?? e.parts
  if (wire === undefined && !('cookie' in e) && !('body' in e)) return
  const main: Recorded | undefined = recorded.filter((q) => q.path !== '/token').at(-1)
  expect(main, 'a request reached the server').toBeDefined()
  const q = main!
  if (e.method) expect(q.method).toBe(e.method)
  if (e.path !== undefined) oneOf(q.path, e.path, 'path')
  if (e.query !== undefined) oneOf(q.query, e.query, 'query')
  for (const [name, value] of Object.entries(e.headers ?? {})) if (value !== undefined) oneOf(q.header(name), value, `header ${name}`)
  if ('cookie' in e) oneOf(q.header('cookie'), e.cookie!, 'cookie')
  if ('body' in e) oneOf(q.body.length === 0 ? null : q.body.toString('utf8'), e.body!, 'body')
  if (e.bytes) expect([...q.body]).toEqual(e.bytes)
  if (e.parts) expect(parseMultipart(q.header('content-type'), q.body)).toEqual(e.parts)
}
