import { describe, expect, it } from 'vitest'
import { jsonCodec, rawCodec } from '../../../runtime/ws/codec'

describe('codecs', () => {
  it('jsonCodec encodes to text and decodes text or UTF-8 binary frames', () => {
    const c = jsonCodec<{ a: string }, { a: string }>()
    expect(c.encode({ a: 'é' })).toBe('{"a":"é"}')
    expect(c.decode('{"a":"x"}')).toEqual({ a: 'x' })
    expect(c.decode(new TextEncoder().encode('{"a":"é"}').buffer as ArrayBuffer)).toEqual({ a: 'é' })
    expect(() => c.decode('{nope')).toThrow(SyntaxError)
    expect(() => c.decode(new Blob(['{}']))).toThrow(/cannot decode a Blob/)
  })

  it('rawCodec passes frames through', () => {
    const c = rawCodec()
    const buf = new ArrayBuffer(2)
    expect(c.encode('x')).toBe('x')
    expect(c.decode(buf)).toBe(buf)
  })
})
