export { createNetworkManager } from './manager'
// Tracing and logger adapters observe the manager; one entry point keeps the runtime barrel to one line.
export * from '../telemetry/index'
export { httpClient, apiClient, type HttpSpecOptions, type ApiSpecOptions, type ApiSource } from './kinds/http'
export { webSocketClient } from './kinds/websocket'
export { CircuitOpenError, ManagerClosedError, StoreUnavailableError, UnknownClientError } from './errors'
export { memoryStore } from './store'
export { rateLimiting, type RateLimitingFeature } from './rate-limiting'
export type {
  MaybePromise,
  OriginBreaker,
  OriginBucket,
  OriginBudget,
  OriginLimiter,
  OriginParts,
  OriginStore,
  OriginStoreContext,
  StoreMetrics,
} from './store'
export type { BreakerPermit } from './breaker'
export type { RateAdvice } from './rate-advice'
export { EnvironmentError } from './options'
export type { ManagerEvent, ManagerListener } from './events'
export type { BreakerOptions, BreakerState } from './breaker'
export type { TokenBucketOptions, BucketSnapshot } from './token-bucket'
export type { RateAdviceOptions } from './rate-advice'
export type { OriginPolicy } from './origin-state'
export type { TrafficMetrics, LatencySummary } from './metrics'
export type {
  ClientContext,
  ClientKind,
  ClientMetrics,
  ClientSpec,
  InstanceOf,
  ManagerDefaults,
  ManagerMetrics,
  NetworkManager,
  NetworkManagerOptions,
  OriginMetrics,
  PerEnvironment,
} from './types'

import type { ClientKind, ClientSpec } from './types'

/** Pairs a kind with its configuration, for kinds written outside this package (see `ClientKind`). */
export function defineClient<TConfig, TInstance>(kind: ClientKind<TConfig, TInstance>, config: TConfig): ClientSpec<TInstance, TConfig> {
  return { kind, config }
}
