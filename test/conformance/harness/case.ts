import type { Part } from './multipart'
import type { Recorded, Responder } from './server'

/** What `createClient` gets for a case; `baseUrl` defaults to the recording server. */
export interface ClientSetup {
  baseUrl?: string | ((server: string) => string)
  auth?: Record<string, unknown>
  serverVariables?: Record<string, string> | ((port: number) => Record<string, string>)
  /** One of the operation's servers by index or description. */
  server?: number | string
  /** Client-wide headers (`configure({ headers })`). */
  headers?: Record<string, string>
}

/** `string[]`: any of these is conformant (the case's `note` says why there is more than one). */
export type OneOf = string | string[]

export interface WireExpectation {
  method?: string
  path?: OneOf
  /** Raw query string without `?` ('' for none). */
  query?: OneOf
  /** Header values as received; `null` means the header must be absent. */
  headers?: Record<string, OneOf | null | undefined>
  /** The raw `Cookie` header; `null` means none. */
  cookie?: OneOf | null
  /** The raw body as UTF-8; `null` means an empty body. */
  body?: OneOf | null
  bytes?: number[]
  /** multipart/form-data parts in order. */
  parts?: Part[]
  /** Further checks on every request the case caused (token requests included), in order. */
  requests?: (recorded: Recorded[]) => void
}

export interface ResultExpectation {
  data?: unknown
  /** A documented error: status and parsed body; or a client-side failure by code. */
  error?: { status?: number; body?: unknown; code?: string; name?: string }
  check?: (outcome: { data: unknown; error: unknown; response: Response | undefined }) => void | Promise<void>
}

export interface WireCase {
  name: string
  /** Export name of the operation in the generated module (and its client tree). */
  op: string
  input?: unknown
  options?: { headers?: Record<string, string> }
  client?: ClientSetup
  /** Cases naming the same session share one client (and its token cache), in table order. */
  session?: string
  before?: () => void
  /** Runs after the case, pass or fail (undo what `before` did). */
  after?: () => void
  reply?: Responder
  /** Why the expectation is what it is (tables that disagree, judgement calls). */
  note?: string
  /** Set when the case does not pass yet: the reason. The case is reported, not run. */
  todo?: string
  /** Skip the type check of this input (inputs that are deliberately wrong). */
  untyped?: boolean
  expect: WireExpectation & { result?: ResultExpectation }
}

export interface Table {
  /** File stem under test/conformance/specs, and the generated module's name. */
  spec: string
  cases: WireCase[]
  /** How the server answers when a case has no `reply` (e.g. a token endpoint). */
  responder?: Responder
  /**
   * TypeScript statements checked with the call sites: `$client` is a client of this table's module.
   * For what the declarations give back (data and typed errors per status).
   */
  types?: string[]
}

/** `{ ['__proto__']: v }`: an own property named `__proto__`, not a prototype. */
export function own<T>(entries: Record<string, T>): Record<string, T> {
  const out: Record<string, T> = {}
  for (const [k, v] of Object.entries(entries)) Object.defineProperty(out, k, { value: v, enumerable: true, writable: true, configurable: true })
  return out
}
