/**
 * Placeholder shapes, filled in by the HTTP runtime (issue 3). Kept here so that the generated-code
 * contract in `runtime/api/types.ts` compiles from day one.
 */
export interface RequestOptions {
  signal?: AbortSignal
  headers?: Record<string, string>
  timeout?: number
}

export interface ApiClientOptions<TScheme extends string = string> {
  baseUrl?: string
  auth?: Partial<Record<TScheme, unknown>>
  headers?: Record<string, string>
}
