import type { Codec, WebSocketData } from './types'

let decoder: TextDecoder | undefined

/** JSON in text frames; binary frames are read as UTF-8 JSON too. Blobs cannot be decoded synchronously. */
export function jsonCodec<In = unknown, Out = unknown>(): Codec<In, Out> {
  return {
    encode: (message) => JSON.stringify(message),
    decode(data) {
      if (typeof data === 'string') return JSON.parse(data) as In
      if (data instanceof ArrayBuffer) return JSON.parse((decoder ??= new TextDecoder()).decode(data)) as In
      throw new TypeError('jsonCodec cannot decode a Blob; use binaryType "arraybuffer"')
    },
  }
}

/** Frames as they come: strings for text, ArrayBuffer (or Blob) for binary. */
export function rawCodec(): Codec<string | ArrayBuffer | Blob, WebSocketData> {
  return { encode: (message) => message, decode: (data) => data }
}
