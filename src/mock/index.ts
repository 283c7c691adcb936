// `@codomyrmex/networking/mock`: what the generated `virtual:api/<name>/mocks` modules call.
export { createMockHandlers, type MockHandlerOptions, type MockHandlers, type MswApi } from './handlers'
export { createResponder, type MockReply, type MockRequest, type Problem as MockProblem, type Responder } from './responder'
export type { MockParam, MockResponse, MockRoute, MockSpec } from './spec'
export { createWsMockHandlers, type MswWsApi, type MswWsClient, type WsMockHandlerOptions, type WsMockHandlers } from './ws-handlers'
export { createWsResponder, type WsResponder } from './ws-responder'
export type { WsMockFrame, WsMockSend, WsMockSpec } from './ws-spec'
