import { banner } from '../codegen/banner'
import { jsLiteral } from '../codegen/literals'
import type { MockSpec } from './spec'

export const MOCK_RUNTIME_ID = '@codomyrmex/networking/mock'

/**
 * The JavaScript of `virtual:api/<name>/mocks`: the mock data as one literal, and msw handlers
 * over it. `msw` is imported bare: it is the user's dependency, as in any msw setup.
 */
export function buildMockModule(spec: MockSpec): string {
  return `${banner()}
import { http, HttpResponse } from 'msw'
import { createMockHandlers as $create } from ${jsLiteral(MOCK_RUNTIME_ID)}

export const spec = ${jsLiteral(spec)}

/** Fresh handlers with their own state; \`baseUrl\` defaults to the document's first server. */
export function createHandlers(options) {
  return $create(spec, { http, HttpResponse }, options)
}

const $default = createHandlers()
/** Handlers for \`setupServer(...handlers)\`. */
export const handlers = $default.handlers
/** Make the next requests fail: \`responder.fail(2, 503)\`. */
export const responder = $default.responder
export default handlers
`
}

/** Declarations of the mocks module, inside \`declare module 'virtual:api/<name>/mocks'\`. */
export const MOCK_DECLARATIONS = `  export const spec: import(${jsLiteral(MOCK_RUNTIME_ID)}).MockSpec
  export function createHandlers(options?: import(${jsLiteral(MOCK_RUNTIME_ID)}).MockHandlerOptions): import(${jsLiteral(MOCK_RUNTIME_ID)}).MockHandlers<import('msw').HttpHandler>
  export const handlers: import('msw').HttpHandler[]
  export const responder: import(${jsLiteral(MOCK_RUNTIME_ID)}).Responder
  const $default: import('msw').HttpHandler[]
  export default $default`
