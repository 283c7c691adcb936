// `@codomyrmex/networking/mock`: what the generated `virtual:api/<name>/mocks` modules call.
export { createMockHandlers, type MockHandlerOptions, type MockHandlers, type MswApi } from './handlers'
export { createResponder, type MockReply, type MockRequest, type Problem as MockProblem, type Responder } from './responder'
export type { MockParam, MockResponse, MockRoute, MockSpec } from './spec'
