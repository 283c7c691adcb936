import { pipeline, type Readable, type Transform } from 'node:stream'
import { constants, createBrotliDecompress, createGunzip, createInflate } from 'node:zlib'

// What fetch (undici) does: a body cut after the last complete block is not a zlib error of its own.
const LENIENT = { flush: constants.Z_SYNC_FLUSH, finishFlush: constants.Z_SYNC_FLUSH }
const BROTLI = { flush: constants.BROTLI_OPERATION_FLUSH, finishFlush: constants.BROTLI_OPERATION_FLUSH }

// The codings fetch decodes on Node 20 (its zlib has no zstd). `deflate` is the zlib format of RFC 9110.
const DECODERS: Record<string, () => Transform> = {
  gzip: () => createGunzip(LENIENT),
  'x-gzip': () => createGunzip(LENIENT),
  br: () => createBrotliDecompress(BROTLI),
  deflate: () => createInflate(LENIENT),
}

/**
 * The decoded body, as fetch gives it: codings undone in reverse order of the header; an unknown
 * coding leaves the body as it came (undefined: nothing to decode). Decoding is pulled by the
 * reader, so a small body that inflates to gigabytes (a "zip bomb") is inflated only as far as it
 * is read: the client's `maxBodyBytes` and `maxErrorBodyBytes` stop it there.
 */
export function decoded(body: Readable, contentEncoding: string | undefined): Readable | undefined {
  if (!contentEncoding) return undefined
  const codings = contentEncoding
    .toLowerCase()
    .split(',')
    .map((c) => c.trim())
    .filter((c) => c !== '' && c !== 'identity')
  if (codings.length === 0 || codings.some((c) => !Object.hasOwn(DECODERS, c))) return undefined
  const streams = codings.reverse().map((c) => DECODERS[c]!())
  // pipeline destroys every stream when one fails or the last is destroyed (a cancelled read).
  return pipeline([body, ...streams], () => {}) as unknown as Readable
}
