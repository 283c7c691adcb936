import { Readable } from 'node:stream'
import { brotliCompressSync, gzipSync } from 'node:zlib'
import { describe, expect, test } from 'vitest'
import { decoded } from '../../../runtime/node/decode'

async function text(stream: Readable): Promise<string> {
  const parts: Buffer[] = []
  for await (const chunk of stream) parts.push(chunk as Buffer)
  return Buffer.concat(parts).toString('utf8')
}

describe('decoded (the Node transport undoes Content-Encoding as fetch does)', () => {
  test('codings are undone in reverse order of the header, case and spaces ignored, identity skipped', async () => {
    const body = brotliCompressSync(gzipSync(Buffer.from('twice')))
    expect(await text(decoded(Readable.from([body]), 'GZIP , identity,br')!)).toBe('twice')
    expect(await text(decoded(Readable.from([gzipSync(Buffer.from('x'))]), 'x-gzip')!)).toBe('x')
  })

  test.each([undefined, '', 'identity', 'zstd', 'gzip, compress', 'constructor'])('nothing to decode for %j: the body is left as it came', (header) => {
    expect(decoded(Readable.from([Buffer.from('raw')]), header)).toBeUndefined()
  })

  test('a corrupt body fails the stream with zlib’s error, which the client reports as a lost connection', async () => {
    await expect(text(decoded(Readable.from([Buffer.from('not gzip at all')]), 'gzip')!)).rejects.toMatchObject({ code: 'Z_DATA_ERROR' })
  })
})
