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
