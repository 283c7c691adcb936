/**
 * The loose shape of an OpenAPI 3.x document as the generator reads it, after loading has bundled
 * external files (only internal `#/...` references remain) and converted Swagger 2.0.
 */
export type JsonObject = { [key: string]: unknown }

export interface OpenApiDocument extends JsonObject {
  openapi: string
  paths?: Record<string, unknown>
  components?: JsonObject
  servers?: unknown
  security?: unknown
  tags?: unknown
}

export function isObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

export function decodePointerSegment(segment: string): string {
  return segment.replace(/~1/g, '/').replace(/~0/g, '~')
}

export function encodePointerSegment(segment: string): string {
  return segment.replace(/~/g, '~0').replace(/\//g, '~1')
}

export function pointerOf(segments: readonly (string | number)[]): string {
  return segments.map((s) => `/${encodePointerSegment(String(s))}`).join('')
}

/** Follows `$ref`s inside the document until a non-reference object; cycles and dangling refs give undefined. */
export function resolveRef(document: JsonObject, value: unknown): JsonObject | undefined {
  let current = value
  const seen = new Set<string>()
  while (isObject(current) && typeof current.$ref === 'string') {
    const ref = current.$ref
    if (!ref.startsWith('#') || seen.has(ref)) return undefined
    seen.add(ref)
    current = getPointer(document, ref.slice(1))
  }
  return isObject(current) ? current : undefined
}

export function getPointer(document: unknown, pointer: string): unknown {
  if (pointer === '' || pointer === '/') return pointer === '' ? document : (document as JsonObject)['']
  let current = document
  for (const raw of pointer.slice(1).split('/')) {
    const key = decodeURIComponent(decodePointerSegment(raw))
    if (Array.isArray(current)) current = current[Number(key)]
    else if (isObject(current)) current = current[key]
    else return undefined
  }
  return current
}
