import { describe, expect, test } from 'vitest'
import { encodeBody } from '../../../runtime/api/body'
import { RequestError } from '../../../runtime/errors/index'

const def = (...contentTypes: string[]) => ({ contentTypes })

describe('encodeBody', () => {
  test('JSON variants and */*', () => {
    expect(encodeBody(def('application/vnd.api+json'), { a: 1 }, undefined, 'w')).toEqual({ body: '{"a":1}', contentType: 'application/vnd.api+json' })
    expect(encodeBody(def('*/*'), [1], undefined, 'w')).toEqual({ body: '[1]', contentType: 'application/json' })
    expect(encodeBody(undefined, 'x', undefined, 'w')).toEqual({ body: '"x"', contentType: 'application/json' })
  })

  test('form-urlencoded: encoding object, JSON properties, spaces as +', () => {
    const d = { contentTypes: ['application/x-www-form-urlencoded'], encoding: { 'application/x-www-form-urlencoded': { tags: { style: 'pipeDelimited' as const, explode: false }, meta: { contentType: 'application/json' } } } }
    const out = encodeBody(d, { q: 'a b', tags: ['x', 'y'], meta: { k: 1 } }, undefined, 'w')
    expect(out.body).toBe('q=a+b&tags=x%7Cy&meta=%7B%22k%22%3A1%7D')
  })

  test('FormData and URLSearchParams pass through; FormData leaves the boundary to fetch', () => {
    const fd = new FormData()
    expect(encodeBody(def('multipart/form-data'), fd, undefined, 'w')).toEqual({ body: fd, contentType: undefined })
    const usp = new URLSearchParams('a=1')
    expect(encodeBody(def('application/x-www-form-urlencoded'), usp, undefined, 'w').body).toBe(usp)
  })

  test('multipart parts: dates, skipped undefined, JSON arrays when the encoding says JSON', async () => {
    const d = { contentTypes: ['multipart/form-data'], encoding: { 'multipart/form-data': { ids: { contentType: 'application/json' } } } }
    const form = encodeBody(d, { when: new Date(0), gone: undefined, ids: [1, 2] }, undefined, 'w').body as FormData
    expect(form.get('when')).toBe('1970-01-01T00:00:00.000Z')
    expect(form.has('gone')).toBe(false)
    expect(await (form.get('ids') as Blob).text()).toBe('[1,2]')
    expect(() => encodeBody(d, 'text', undefined, 'w')).toThrow(RequestError)
  })

  test('binary types take what fetch can send, and refuse the rest', () => {
    const blob = new Blob(['x'])
    expect(encodeBody(def('image/png'), blob, undefined, 'w').body).toBe(blob)
    expect(() => encodeBody(def('image/png'), { a: 1 }, undefined, 'POST /x')).toThrow('POST /x: cannot send a object as image/png')
  })
})
