// Fallback types for `virtual:api/*` when the generated declaration file (api-clients.d.ts) is not
// there yet. Reference it with `/// <reference types="@codomyrmex/networking/client" />`; the
// generated file's `declare module 'virtual:api/<name>'` blocks take precedence over this pattern.
declare module 'virtual:api/*' {
  import type { ApiClientOptions, Operation } from '@codomyrmex/networking/runtime'

  type Tree = { [name: string]: Operation | { [name: string]: Operation } }

  export function configure(options: ApiClientOptions): void
  export function createClient(options?: ApiClientOptions): Tree
  const api: Tree & { configure: typeof configure; createClient: typeof createClient }
  export default api
}
