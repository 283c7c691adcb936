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

/**
 * Declarations of the mocks module, inside `declare module 'virtual:api/<name>/mocks'`. msw is the
 * app's dependency only when it uses the mocks: the import is marked `@ts-ignore` so that, without
 * msw installed, the file still checks under `skipLibCheck: false` (the msw types are then `any`).
 */
export const MOCK_DECLARATIONS = `  // @ts-ignore msw is needed only by apps that import this module
  import type { HttpHandler as __HttpHandler } from 'msw'
  export const spec: import(${jsLiteral(MOCK_RUNTIME_ID)}).MockSpec
  export function createHandlers(options?: import(${jsLiteral(MOCK_RUNTIME_ID)}).MockHandlerOptions): import(${jsLiteral(MOCK_RUNTIME_ID)}).MockHandlers<__HttpHandler>
  export const handlers: __HttpHandler[]
  export const responder: import(${jsLiteral(MOCK_RUNTIME_ID)}).Responder
  const $default: __HttpHandler[]
  export default $default`
