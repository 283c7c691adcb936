import type { ResponseType } from './types'
import type { RuntimeFeatures } from './features'
import { detectResponseType, isJsonType } from './media-type'

const NO_BODY = new Set([101, 204, 205, 304])

/** Thrown for a body that does not parse as its content type; the client turns it into a ParseError. */
export class BodyParseFailure extends Error {
  constructor(
    readonly contentType: string,
    override readonly cause: unknown,
  ) {
    super('body parse failure')
  }
}

/** Thrown when a body passes `maxBodyBytes`; the client turns it into a BodyTooLargeError. */
export class BodyTooLarge extends Error {
  constructor(readonly limit: number) {
    super('body too large')
  }
}

/** Up to `max` bytes of the body; `truncated` when there was more (the rest is cancelled, not read). */
export async function readBounded(body: ReadableStream<Uint8Array>, max: number): Promise<{ bytes: Uint8Array<ArrayBuffer>; truncated: boolean }> {
  const reader = body.getReader()
  const chunks: Uint8Array[] = []
  let size = 0
  let truncated = false
  for (;;) {
    const { done, value } = await reader.read()
    if (done) break
    chunks.push(value)
    size += value.byteLength
    if (size > max) {
      truncated = true
      await reader.cancel()
      break
    }
  }
  const bytes = new Uint8Array(Math.min(size, max))
  let offset = 0
  for (const chunk of chunks) {
    const part = chunk.subarray(0, bytes.length - offset)
    bytes.set(part, offset)
    offset += part.length
    if (offset >= bytes.length) break
  }
  return { bytes, truncated }
}

/** The whole body as a Response again, refusing more than `max` bytes (decoded) before buffering them. */
async function limited(response: Response, max: number): Promise<Response> {
  const declared = Number(response.headers.get('content-length'))
  if (declared > max) {
    await response.body?.cancel()
    throw new BodyTooLarge(max)
  }
  const { bytes, truncated } = await readBounded(response.body!, max)
  if (truncated) throw new BodyTooLarge(max)
  return new Response(bytes, { headers: response.headers })
}

/**
 * Reads a 2xx body as its content type says (or as `responseType` overrides). Strict JSON.
 * `maxBytes` bounds buffered bodies (streams and SSE are the caller's to bound). Without an `sse`
 * parser (`sseFeature`), an event stream is returned unparsed.
 */
export async function readBody(
  response: Response,
  method: string,
  responseType: ResponseType | undefined,
  maxBytes?: number,
  sse?: RuntimeFeatures['sse'],
): Promise<unknown> {
  const type = responseType ?? detectResponseType(response.headers.get('content-type'))
  // JSON and text are read with text(), which needs no body stream (the Node transport makes one only when asked).
  if (method === 'HEAD' || NO_BODY.has(response.status) || ((type !== 'json' && type !== 'text') || maxBytes !== undefined ? !response.body : false)) {
    await response.body?.cancel()
    return undefined
  }
  if (maxBytes !== undefined && type !== 'stream' && type !== 'sse') response = await limited(response, maxBytes)
  switch (type) {
    case 'json': {
      const text = await response.text()
      if (text === '') return undefined
      try {
        return JSON.parse(text)
      } catch (cause) {
        throw new BodyParseFailure('JSON', cause)
      }
    }
    case 'text': {
      const text = await response.text()
      return text === '' && (!response.headers.get('content-type') || !response.body) ? undefined : text
    }
    case 'stream':
      return response.body
    case 'sse':
      return sse ? sse(response.body!) : response.body
    default:
      return response[type]()
  }
}

/**
 * The body of an error response, at most `max` bytes (a hostile server cannot fill memory):
 * parsed JSON when it says JSON and arrived whole, otherwise text.
 */
export async function readErrorBody(response: Response, max: number): Promise<unknown> {
  if (!response.body) return undefined
  const { bytes, truncated } = await readBounded(response.body, max)
  const text = new TextDecoder().decode(bytes)
  if (text === '') return undefined
  if (!truncated && isJsonType(response.headers.get('content-type'))) {
    try {
      return JSON.parse(text)
    } catch {
      // keep the text: an error body that lies about its type is still worth showing
    }
  }
  return text
}
