import { Readable } from 'node:stream'

export interface NodeBody {
  body: string | Uint8Array | Readable | undefined
  /** The Content-Type fetch would derive from the body (Blob type, multipart boundary...), to set when absent. */
  contentType?: string
}

/**
 * fetch's `BodyInit` as undici's `request` takes it. Strings and bytes go as they are; a
 * `ReadableStream` is streamed; a Blob, FormData or URLSearchParams is encoded the way fetch
 * encodes it (through `Response`, so a multipart boundary is fetch's own), buffered first.
 */
export async function toNodeBody(body: BodyInit | null | undefined): Promise<NodeBody> {
  if (body === undefined || body === null) return { body: undefined }
  if (typeof body === 'string' || body instanceof Uint8Array) return { body }
  if (body instanceof ArrayBuffer) return { body: new Uint8Array(body) }
  if (ArrayBuffer.isView(body)) return { body: new Uint8Array(body.buffer, body.byteOffset, body.byteLength) }
  if (body instanceof ReadableStream) return { body: Readable.fromWeb(body as import('node:stream/web').ReadableStream) }
  if (isNodeStream(body)) return { body }
  const encoded = new Response(body)
  return { body: new Uint8Array(await encoded.arrayBuffer()), contentType: encoded.headers.get('content-type') ?? undefined }
}

function isNodeStream(body: unknown): body is Readable {
  return body instanceof Readable
}
