/**
 * `@codomyrmex/networking/runtime/types`: only the contract types that generated declarations
 * name. Type-only, so its declaration chunk leaves out the classes and functions of the public
 * entry: every app that type-checks against our declarations loads this graph (docs/decisions/dts-follows-imports.md).
 */
export type { ApiClientOptions, RequestOptions } from './http/types'
export type { ServerSentEvent } from './http/sse'
export type { ErrorResponse, Operation } from './api/types'
