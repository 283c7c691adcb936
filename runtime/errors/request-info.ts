/** What every request-scoped error carries to say what failed and where. */
export interface RequestInfo {
  method: string
  /** Already redacted. */
  url: string
  operationId?: string | undefined
  /** Attempts made, 1 for the first. */
  attempts?: number | undefined
}

export function describe(info: RequestInfo): string {
  return `${info.method} ${info.url}${info.operationId ? ` (${info.operationId})` : ''}`
}

/** The request fields every request-scoped error (HTTP status or transport) shows, in this order. */
export const REQUEST_FIELDS = ['method', 'url', 'operationId', 'attempts']

/** Those fields of `info` as own properties of an error (`attempts` defaults to 1). */
export const requestFields = (info: RequestInfo): { method: string; url: string; operationId: string | undefined; attempts: number } => ({
  method: info.method,
  url: info.url,
  operationId: info.operationId,
  attempts: info.attempts ?? 1,
})
