/**
 * A case input as TypeScript source, so the tables' inputs can be type-checked against the
 * generated declarations in one program.
 */
export function toSource(value: unknown): string {
  if (value === undefined) return 'undefined'
  if (value === null || typeof value === 'boolean' || typeof value === 'string') return JSON.stringify(value)
  if (typeof value === 'number') return Object.is(value, -0) ? '-0' : String(value)
  if (Array.isArray(value)) return `[${value.map(toSource).join(', ')}]`
  if (value instanceof Date) return `new Date(${JSON.stringify(value.toISOString())})`
  if (typeof File !== 'undefined' && value instanceof File) return `new File([], ${JSON.stringify(value.name)}, { type: ${JSON.stringify(value.type)} })`
  if (value instanceof Blob) return `new Blob([], { type: ${JSON.stringify(value.type)} })`
  if (value instanceof Uint8Array) return `new Uint8Array(${value.length})`
  if (typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>).filter(([, v]) => v !== undefined)
    return `{ ${entries.map(([k, v]) => `[${JSON.stringify(k)}]: ${toSource(v)}`).join(', ')} }`
  }
  throw new Error(`toSource: cannot write a ${typeof value}`)
}
