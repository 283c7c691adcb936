import { describe, expect, test } from 'vitest'
import { parameterPairs, serializeHeaderParam, serializePathParam, serializeQuery } from '../../../runtime/api/params'
import type { ParameterDef, ParameterStyle } from '../../../runtime/api/types'

// The examples of the OpenAPI Specification 3.1, "Style Examples" (color = blue / [blue,black,brown] / {R:100,G:200,B:150}).
const prim = 'blue'
const arr = ['blue', 'black', 'brown']
const obj = { R: 100, G: 200, B: 150 }

describe('path parameters (OAS style examples)', () => {
  test.each<[ParameterStyle, boolean, unknown, string]>([
    ['simple', false, prim, 'blue'],
    ['simple', false, arr, 'blue,black,brown'],
    ['simple', true, arr, 'blue,black,brown'],
    ['simple', false, obj, 'R,100,G,200,B,150'],
    ['simple', true, obj, 'R=100,G=200,B=150'],
    ['label', false, prim, '.blue'],
    ['label', false, arr, '.blue,black,brown'],
    ['label', true, arr, '.blue.black.brown'],
    ['label', false, obj, '.R,100,G,200,B,150'],
    ['label', true, obj, '.R=100.G=200.B=150'],
    ['matrix', false, prim, ';color=blue'],
    ['matrix', false, arr, ';color=blue,black,brown'],
    ['matrix', true, arr, ';color=blue;color=black;color=brown'],
    ['matrix', false, obj, ';color=R,100,G,200,B,150'],
    ['matrix', true, obj, ';R=100;G=200;B=150'],
    ['matrix', false, '', ';color'],
  ])('%s explode=%s %j → %s', (style, explode, value, expected) => {
    expect(serializePathParam({ name: 'color', in: 'path', style, explode }, value)).toBe(expected)
  })

  test('percent-encoding, allowReserved, dates and JSON content', () => {
    expect(serializePathParam({ name: 'id', in: 'path' }, 'a/b c?')).toBe('a%2Fb%20c%3F')
    expect(serializePathParam({ name: 'id', in: 'path', allowReserved: true }, 'a/b:c#')).toBe('a/b:c%23')
    expect(serializePathParam({ name: 'd', in: 'path' }, new Date(Date.UTC(2026, 0, 2)))).toBe('2026-01-02T00%3A00%3A00.000Z')
    expect(serializePathParam({ name: 'j', in: 'path', contentType: 'application/json' }, { a: 1 })).toBe('%7B%22a%22%3A1%7D')
  })
})

describe('query parameters (OAS style examples)', () => {
  test.each<[ParameterStyle, boolean | undefined, unknown, string]>([
    ['form', undefined, prim, 'color=blue'],
    ['form', true, arr, 'color=blue&color=black&color=brown'],
    ['form', false, arr, 'color=blue,black,brown'],
    ['form', true, obj, 'R=100&G=200&B=150'],
    ['form', false, obj, 'color=R,100,G,200,B,150'],
    ['spaceDelimited', false, arr, 'color=blue%20black%20brown'],
    ['pipeDelimited', false, arr, 'color=blue%7Cblack%7Cbrown'],
    ['deepObject', true, obj, 'color%5BR%5D=100&color%5BG%5D=200&color%5BB%5D=150'],
    ['deepObject', true, { a: { b: [1, 2] } }, 'color%5Ba%5D%5Bb%5D%5B0%5D=1&color%5Ba%5D%5Bb%5D%5B1%5D=2'],
    ['form', true, null, 'color='],
  ])('%s explode=%s %j → %s', (style, explode, value, expected) => {
    expect(serializeQuery([{ name: 'color', in: 'query', style, explode }], { color: value })).toBe(expected)
  })

  test('undefined values and non-query parameters are skipped; allowReserved keeps reserved characters', () => {
    const params: ParameterDef[] = [
      { name: 'a', in: 'query' },
      { name: 'b', in: 'header' },
      { name: 'r', in: 'query', allowReserved: true },
    ]
    expect(serializeQuery(params, { a: undefined, b: 'x', r: 'x/y?z' })).toBe('r=x/y?z')
    expect(serializeQuery(params, undefined)).toBe('')
    expect(parameterPairs({ name: 'o', in: 'query', style: 'form', explode: true }, { a: 1, b: undefined })).toEqual([['a', '1']])
  })
})

describe('header parameters', () => {
  test.each<[boolean | undefined, unknown, string]>([
    [undefined, 5, '5'],
    [false, arr, 'blue,black,brown'],
    [false, obj, 'R,100,G,200,B,150'],
    [true, obj, 'R=100,G=200,B=150'],
  ])('explode=%s %j → %s', (explode, value, expected) => {
    expect(serializeHeaderParam({ name: 'X', in: 'header', explode }, value)).toBe(expected)
  })
  test('JSON content', () => {
    expect(serializeHeaderParam({ name: 'X', in: 'header', contentType: 'application/json' }, { a: 1 })).toBe('{"a":1}')
  })
})

describe('values a style cannot express are refused, never sent as [object Object]', () => {
  const q = (p: Partial<ParameterDef>, value: unknown) => serializeQuery([{ name: 'p', in: 'query', ...p }], { p: value }, 'GET /x (x)')
  test.each<[Partial<ParameterDef>, unknown, RegExp]>([
    [{}, [{ a: 1 }], /^GET \/x \(x\): query parameter "p" holds an object inside an array, which style form cannot express/],
    [{ explode: false }, { a: { b: 1 } }, /query parameter "p" holds an object inside an object/],
    [{ style: 'pipeDelimited', explode: false }, [[1]], /holds an array inside an array, which style pipeDelimited/],
    [{}, () => 1, /is a function/],
    [{}, [undefined], /holds undefined inside an array/],
    [{}, new Map(), /is a Map/],
    [{ contentType: 'text/plain' }, { a: 1 }, /is an object, which content text\/plain cannot carry/],
  ])('%j %j', (p, value, message) => {
    expect(() => q(p, value)).toThrow(expect.objectContaining({ name: 'RequestError', code: 'ERR_PARAMETER_VALUE', message: expect.stringMatching(message) }))
  })

  test('path and header values too; a content parameter that is not JSON goes out as its text', () => {
    expect(() => serializePathParam({ name: 'id', in: 'path' }, [{ a: 1 }])).toThrow(/holds an object inside an array, which style simple/)
    expect(() => serializePathParam({ name: 'id', in: 'path', style: 'matrix', explode: true }, { a: [1] })).toThrow(/holds an array inside an object/)
    expect(() => serializeHeaderParam({ name: 'X', in: 'header' }, { a: { b: 1 } })).toThrow(/holds an object inside an object/)
    expect(serializePathParam({ name: 'n', in: 'path', contentType: 'text/plain' }, 'a b')).toBe('a%20b')
    expect(serializeHeaderParam({ name: 'X', in: 'header', contentType: 'text/plain' }, 'a "b"')).toBe('a "b"')
    expect(q({ contentType: 'text/plain' }, 'x y&z')).toBe('p=x%20y%26z')
    expect(q({ contentType: 'application/json' }, 'x')).toBe('p=%22x%22')
    expect(q({}, [new Date(0), 10n, null])).toBe('p=1970-01-01T00%3A00%3A00.000Z&p=10&p=')
  })

  test('a lone surrogate is named too', () => {
    expect(() => q({}, '\ud800')).toThrow(
      expect.objectContaining({ code: 'ERR_PARAMETER_VALUE', message: expect.stringContaining('query parameter "p" is not well-formed Unicode') }),
    )
  })
})
