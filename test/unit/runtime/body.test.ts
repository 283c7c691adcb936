import { describe, expect, test } from 'vitest'
import { encodeBody } from '../../../runtime/api/body'
import { RequestError } from '../../../runtime/errors/index'
import { formsFeature } from '../../../runtime/http/features'

const forms = formsFeature.forms

const def = (...contentTypes: string[]) => ({ contentTypes })

describe('encodeBody', () => {
  test('JSON variants and */*', () => {
    expect(encodeBody(def('application/vnd.api+json'), { a: 1 }, undefined, 'w', forms)).toEqual({ body: '{"a":1}', contentType: 'application/vnd.api+json' })
    expect(encodeBody(def('*/*'), [1], undefined, 'w', forms)).toEqual({ body: '[1]', contentType: 'application/json' })
    expect(encodeBody(undefined, 'x', undefined, 'w', forms)).toEqual({ body: '"x"', contentType: 'application/json' })
  })

  test('form-urlencoded: encoding object, JSON properties, spaces as +', () => {
    const d = {
      contentTypes: ['application/x-www-form-urlencoded'],
      encoding: {
        'application/x-www-form-urlencoded': { tags: { style: 'pipeDelimited' as const, explode: false }, meta: { contentType: 'application/json' } },
      },
    }
    const out = encodeBody(d, { q: 'a b', tags: ['x', 'y'], meta: { k: 1 } }, undefined, 'w', forms)
    expect(out.body).toBe('q=a+b&tags=x%7Cy&meta=%7B%22k%22%3A1%7D')
  })

  test('FormData and URLSearchParams pass through; FormData leaves the boundary to fetch', () => {
    const fd = new FormData()
    expect(encodeBody(def('multipart/form-data'), fd, undefined, 'w', forms)).toEqual({ body: fd, contentType: undefined })
    const usp = new URLSearchParams('a=1')
    expect(encodeBody(def('application/x-www-form-urlencoded'), usp, undefined, 'w', forms).body).toBe(usp)
  })

  test('multipart parts: dates, skipped undefined, JSON arrays when the encoding says JSON', async () => {
    const d = { contentTypes: ['multipart/form-data'], encoding: { 'multipart/form-data': { ids: { contentType: 'application/json' } } } }
    const form = encodeBody(d, { when: new Date(0), gone: undefined, ids: [1, 2] }, undefined, 'w', forms).body as FormData
    expect(form.get('when')).toBe('1970-01-01T00:00:00.000Z')
    expect(form.has('gone')).toBe(false)
    expect(await (form.get('ids') as Blob).text()).toBe('[1,2]')
    expect(() => encodeBody(d, 'text', undefined, 'w', forms)).toThrow(RequestError)
  })

  test('binary types take what fetch can send, and refuse the rest', () => {
    const blob = new Blob(['x'])
    expect(encodeBody(def('image/png'), blob, undefined, 'w', forms).body).toBe(blob)
    expect(() => encodeBody(def('image/png'), { a: 1 }, undefined, 'POST /x', forms)).toThrow('POST /x: cannot send an object as image/png')
  })
})

describe('encodeBody: ranges, form fields, text', () => {
  const form = (encoding: Record<string, object> = {}) => ({
    contentTypes: ['application/x-www-form-urlencoded'],
    encoding: { 'application/x-www-form-urlencoded': encoding },
  })
  test('a range takes a concrete contentType within it or a Blob of its own type; otherwise refused', () => {
    const png = new Blob(['x'], { type: 'image/png' })
    expect(encodeBody(def('image/*'), png, undefined, 'w', forms).contentType).toBe('image/png')
    expect(encodeBody(def('image/*'), new Uint8Array([1]), 'image/webp', 'w', forms).contentType).toBe('image/webp')
    expect(encodeBody(def('application/json', 'image/*'), new Uint8Array([1]), 'image/webp', 'w', forms).contentType).toBe('image/webp')
    expect(() => encodeBody(def('image/*'), new Uint8Array([1]), undefined, 'PUT /i', forms)).toThrow(
      expect.objectContaining({ code: 'ERR_CONTENT_TYPE', message: 'PUT /i: image/* is a range: pass contentType, or a Blob of that type' }),
    )
    expect(() => encodeBody(def('image/*'), new Blob(['x'], { type: 'text/plain' }), undefined, 'w', forms)).toThrow(/is a range/)
    expect(() => encodeBody(def('image/*'), png, 'text/plain', 'w', forms)).toThrow(/contentType "text\/plain" is not one of image\/\*/)
    expect(encodeBody(def('*/*'), new Uint8Array([1]), undefined, 'w', forms).contentType).toBe('application/octet-stream')
    expect(encodeBody(def('*/*'), { a: 1 }, 'application/vnd.x+json', 'w', forms)).toEqual({ body: '{"a":1}', contentType: 'application/vnd.x+json' })
    expect(encodeBody(def('*/*'), 'a,b', 'text/csv; charset=utf-8', 'w', forms)).toEqual({ body: 'a,b', contentType: 'text/csv; charset=utf-8' })
  })

  test('form: objects as JSON text by default, style entries as form styles, encoded text as it is, refusals named', () => {
    expect(encodeBody(form(), { a: { b: 'c d' }, list: [1, { x: 1 }] }, undefined, 'w', forms).body).toBe(
      'a=%7B%22b%22%3A%22c+d%22%7D&list=1&list=%7B%22x%22%3A1%7D',
    )
    expect(encodeBody(form({ a: { style: 'deepObject' } }), { a: { b: 1 } }, undefined, 'w', forms).body).toBe('a%5Bb%5D=1')
    expect(encodeBody(form({ a: { explode: false } }), { a: [1, 2] }, undefined, 'w', forms).body).toBe('a=1,2')
    expect(encodeBody(form({ a: { contentType: 'application/json' } }), { a: '{"x":1}', b: 'two' }, undefined, 'w', forms).body).toBe(
      'a=%7B%22x%22%3A1%7D&b=two',
    )
    expect(encodeBody(form(), 'a=1&b=2', undefined, 'w', forms).body).toBe('a=1&b=2')
    expect(() => encodeBody(form(), [1, 2], undefined, 'POST /f', forms)).toThrow(
      expect.objectContaining({
        code: 'ERR_BODY_TYPE',
        message: 'POST /f: the application/x-www-form-urlencoded body must be an object of fields, not an array',
      }),
    )
    expect(() => encodeBody(form({ a: { explode: true } }), { a: [{ b: 1 }] }, undefined, 'POST /f', forms)).toThrow(
      /POST \/f: form field "a" holds an object inside an array/,
    )
    expect(() => encodeBody(form(), { f: new Blob(['x']) }, undefined, 'w', forms)).toThrow(/form field "f" is a Blob/)
  })

  test('text refuses objects; a Blob for a text type goes as its bytes; multipart JSON strings as they are', async () => {
    expect(() => encodeBody(def('text/plain'), ['a'], undefined, 'w', forms)).toThrow(
      expect.objectContaining({ code: 'ERR_BODY_TYPE', message: 'w: cannot send an array as text/plain' }),
    )
    const blob = new Blob(['t'])
    expect(encodeBody(def('text/plain'), blob, undefined, 'w', forms).body).toBe(blob)
    expect(encodeBody(def('text/plain'), 12, undefined, 'w', forms).body).toBe('12')
    const d = { contentTypes: ['multipart/form-data'], encoding: { 'multipart/form-data': { m: { contentType: 'application/json' } } } }
    const parts = encodeBody(d, { m: '{"a":1}' }, undefined, 'w', forms).body as FormData
    expect(await (parts.get('m') as Blob).text()).toBe('{"a":1}')
    expect((parts.get('m') as Blob).type).toBe('application/json')
    expect(() => encodeBody(d, [1], undefined, 'w', forms)).toThrow('w: the multipart/form-data body must be an object of fields, not an array')
  })
})

test('without formsFeature an object for a form or multipart body is refused naming the feature; FormData still goes', () => {
  expect(() => encodeBody(def('application/x-www-form-urlencoded'), { a: 1 }, undefined, 'POST /f')).toThrow(
    expect.objectContaining({
      code: 'ERR_BODY_TYPE',
      message: 'POST /f: application/x-www-form-urlencoded bodies need formsFeature (or pass FormData / URLSearchParams)',
    }),
  )
  const fd = new FormData()
  expect(encodeBody(def('multipart/form-data'), fd, undefined, 'w').body).toBe(fd)
})
