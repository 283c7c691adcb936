/**
 * The data a mock API runs on: built from the document at build time (src/mock/routes.ts), embedded
 * as a literal in `virtual:api/<name>/mocks`, and read by the responder in tests (msw) and in the
 * Vite dev server. Plain JSON, so the generated module carries no generator code.
 */
export interface MockSpec {
  api: string
  /** The document's first server URL (absolute or a path), or '' when it has none. */
  server: string
  /** `components` of the document, for the `$ref`s inside route schemas (rewritten to `DOC_ID#/…`). */
  components: Record<string, unknown>
  routes: MockRoute[]
}

export interface MockParam {
  name: string
  in: 'path' | 'query' | 'header' | 'cookie'
  required: boolean
  schema?: unknown
}

export interface MockRoute {
  /** operationId, else `GET /path`: names the operation in 400 bodies and logs. */
  id: string
  method: string
  /** The document's path template, `/pets/{petId}`. */
  path: string
  params: MockParam[]
  body?: { required: boolean; contentTypes: string[]; schema?: unknown }
  response: MockResponse
}

export interface MockResponse {
  status: number
  contentType?: string
  /** From `example`/`examples`, else sampled from the schema; absent for a response without content. */
  body?: unknown
  /**
   * The response has no example and the same schema `$ref` as the JSON request body (the usual
   * "create returns what was stored"): a valid request body is sent back instead of `body`.
   */
  echo?: boolean
}

/** The `$id` route schemas use to reach the document's components. */
export const DOC_ID = 'urn:codomyrmex:mock-document'
