declare module 'swagger2openapi' {
  export interface ConvertOptions {
    patch?: boolean
    warnOnly?: boolean
    resolve?: boolean
    direct?: boolean
  }
  export function convertObj(document: object, options: ConvertOptions): Promise<{ openapi: Record<string, unknown> }>
}
