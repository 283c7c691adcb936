declare module 'swagger2openapi' {
  export interface ConvertOptions {
    patch?: boolean
    warnOnly?: boolean
    resolve?: boolean
    direct?: boolean
    /** The source text, kept for its own validator; built with a YAML stringify of the document when absent. */
    text?: string
  }
  export function convertObj(document: object, options: ConvertOptions): Promise<{ openapi: Record<string, unknown> }>
}
