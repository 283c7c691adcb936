import { expect } from 'vitest'
import type { Table } from '../harness/case'

/**
 * RFC 6570 path expansion, reserved characters in every location, allowReserved, parameters
 * described with `content`, non-string values, empty arrays and absent optional values.
 */
const RESERVED = 'a b/c?d#e&f=g+h%i,j;k:l@m'
export default {
  spec: 'params',
  cases: [
    {
      name: 'path: reserved characters and non-ASCII are percent-encoded per segment (RFC 6570 {var})',
      op: 'getFile',
      input: { path: { dir: RESERVED, name: 'ü €', ext: 'tar.gz' } },
      expect: { method: 'GET', path: '/files/a%20b%2Fc%3Fd%23e%26f%3Dg%2Bh%25i%2Cj%3Bk%3Al%40m/%C3%BC%20%E2%82%AC.tar.gz', query: '' },
    },
    {
      name: 'path: several variables in one segment, dots kept',
      op: 'getFile',
      input: { path: { dir: 'd', name: 'report.final', ext: 'json' } },
      expect: { path: '/files/d/report.final.json' },
    },
    {
      name: 'path and header: 0 and false are values, not absences',
      op: 'getItem',
      input: { path: { id: 0, flag: false }, header: { 'X-Count': 0, 'X-Flag': false, 'X-Ratio': 0.5 } },
      expect: { path: '/items/0/false', headers: { 'x-count': '0', 'x-flag': 'false', 'x-ratio': '0.5' } },
    },
    {
      name: 'path and header: negative integers and true',
      op: 'getItem',
      input: { path: { id: -12, flag: true }, header: { 'X-Count': 42 } },
      expect: { path: '/items/-12/true', headers: { 'x-count': '42', 'x-flag': null, 'x-ratio': null } },
    },
    {
      name: 'query: reserved characters, space as %20, non-ASCII as UTF-8',
      op: 'search',
      input: { query: { q: `${RESERVED} ü` } },
      expect: { query: 'q=a%20b%2Fc%3Fd%23e%26f%3Dg%2Bh%25i%2Cj%3Bk%3Al%40m%20%C3%BC' },
    },
    {
      name: 'query: allowReserved keeps RFC 3986 reserved characters, still encodes # (it would end the URL), space and non-ASCII',
      op: 'search',
      input: { query: { raw: "/a?b:c@d!e$f'g(h)i*j+k,l;m=n[o]#p q ü" } },
      note: "OAS 3.1.1 allowReserved: reserved characters may go unencoded; # must still be encoded to stay in the query. fetch's URL parser (WHATWG special-query set) encodes ' as %27 whatever the client sends",
      expect: { query: ["raw=/a?b:c@d!e$f'g(h)i*j+k,l;m=n[o]%23p%20q%20%C3%BC", 'raw=/a?b:c@d!e$f%27g(h)i*j+k,l;m=n[o]%23p%20q%20%C3%BC'] },
    },
    {
      name: 'query: integers and booleans, 0 and false included, document order',
      op: 'search',
      input: { query: { exact: false, limit: 0, ids: [1, 2, 3] } },
      expect: { query: 'ids=1,2,3&limit=0&exact=false' },
    },
    {
      name: 'query: an array item containing a comma stays one item (encoded) next to literal delimiters',
      op: 'search',
      input: { query: { tags: ['a,b', 'c'], ids: [7] } },
      expect: { query: 'tags=a%2Cb&tags=c&ids=7' },
    },
    {
      name: 'query: empty arrays',
      op: 'search',
      input: { query: { tags: [], ids: [] } },
      note: 'RFC 6570 treats an empty list as undefined (omitted); the OAS tables have no empty-array row, so `ids=` for the non-exploded form is accepted too',
      expect: { query: ['', 'ids='] },
    },
    {
      name: 'query: a `content: application/json` parameter is JSON, then percent-encoded',
      op: 'search',
      input: { query: { filter: { a: 1, b: 'x y' } } },
      expect: { query: 'filter=%7B%22a%22%3A1%2C%22b%22%3A%22x%20y%22%7D' },
    },
    {
      name: 'query: a `content` parameter with an inline schema (typed unknown) is JSON too',
      op: 'search',
      input: { query: { meta: { x: [1, 2] } } },
      expect: { query: 'meta=%7B%22x%22%3A%5B1%2C2%5D%7D' },
    },
    {
      name: 'header: reserved ASCII characters go verbatim (headers are not percent-encoded); JSON content header; empty array',
      op: 'search',
      input: { header: { 'X-Note': RESERVED, 'X-Filter': { a: 1, b: 'x' }, 'X-Tags': [] } },
      note: 'an empty array is sent as an empty header value (the simple style of an empty list)',
      expect: { headers: { 'x-note': RESERVED, 'x-filter': '{"a":1,"b":"x"}', 'x-tags': '' } },
    },
    {
      name: 'cookie: reserved characters are percent-encoded (a cookie-octet excludes space , ; and ")',
      op: 'search',
      input: { cookie: { session: 'a b;c=d,e"f', prefs: ['x', 'y'] } },
      note: 'OAS 3.0/3.1 give cookies the form table; the comma delimiter may be literal or %2C (not a cookie-octet)',
      expect: { cookie: ['session=a%20b%3Bc%3Dd%2Ce%22f; prefs=x,y', 'session=a%20b%3Bc%3Dd%2Ce%22f; prefs=x%2Cy'] },
    },
    {
      name: 'absent optional parameters send nothing: no query, no header, no cookie',
      op: 'search',
      input: { query: {}, header: {} },
      expect: { path: '/search', query: '', cookie: null, headers: { 'x-note': null, 'x-filter': null } },
    },
    {
      name: 'no input at all',
      op: 'search',
      expect: { path: '/search', query: '', cookie: null },
    },
    {
      name: 'path: a `content: application/json` parameter is JSON, then percent-encoded',
      op: 'byFilter',
      input: { path: { filter: { a: 1, b: '/' } } },
      expect: { path: '/by-filter/%7B%22a%22%3A1%2C%22b%22%3A%22%2F%22%7D' },
    },
    {
      name: 'header: a value fetch cannot carry (outside Latin-1) fails before sending, naming the header',
      op: 'search',
      input: { header: { 'X-Note': '€' } },
      expect: { result: { error: { name: 'RequestError', code: 'ERR_HEADER_VALUE' } }, requests: (r) => expect(r).toHaveLength(0) },
    },
    {
      name: 'query: a `content: text/plain` parameter is its text, percent-encoded (not JSON)',
      op: 'search',
      input: { query: { note: 'x y&z' } },
      expect: { query: 'note=x%20y%26z' },
    },
    {
      name: 'header: a `content: text/plain` parameter is its text',
      op: 'search',
      input: { header: { 'X-Text': 'plain "words"' } },
      expect: { headers: { 'x-text': 'plain "words"' } },
    },
    {
      name: 'query: an object inside an array (form style cannot express it) is refused naming the parameter, never [object Object]',
      op: 'search',
      input: { query: { points: [{ x: 1 }] } },
      expect: {
        result: {
          error: { name: 'RequestError', code: 'ERR_PARAMETER_VALUE' },
          check: ({ error }) => expect((error as Error).message).toMatch(/query parameter "points" holds an object inside an array.*style form/),
        },
        requests: (r) => expect(r).toHaveLength(0),
      },
    },
    {
      name: 'header: an object inside an array is refused naming the parameter',
      op: 'search',
      input: { header: { 'X-Tags': [{ a: 1 }] } },
      untyped: true,
      expect: {
        result: {
          error: { code: 'ERR_PARAMETER_VALUE' },
          check: ({ error }) => expect((error as Error).message).toMatch(/header parameter "X-Tags" holds an object inside an array/),
        },
        requests: (r) => expect(r).toHaveLength(0),
      },
    },
    {
      name: 'cookie: an array inside an array is refused naming the parameter',
      op: 'search',
      input: { cookie: { prefs: [['x']] } },
      untyped: true,
      expect: {
        result: {
          error: { code: 'ERR_PARAMETER_VALUE' },
          check: ({ error }) => expect((error as Error).message).toMatch(/cookie parameter "prefs" holds an array inside an array/),
        },
        requests: (r) => expect(r).toHaveLength(0),
      },
    },
    {
      name: 'path: an object inside an array is refused naming the parameter',
      op: 'byTags',
      input: { path: { tags: ['a', { b: 1 }] } },
      untyped: true,
      expect: {
        result: {
          error: { code: 'ERR_PARAMETER_VALUE' },
          check: ({ error }) => expect((error as Error).message).toMatch(/path parameter "tags" holds an object inside an array/),
        },
        requests: (r) => expect(r).toHaveLength(0),
      },
    },
    {
      name: 'query: a `content: text/plain` parameter given an object is refused (text only: never [object Object])',
      op: 'search',
      input: { query: { note: { a: 1 } } },
      untyped: true,
      expect: {
        result: {
          error: { code: 'ERR_PARAMETER_VALUE' },
          check: ({ error }) => expect((error as Error).message).toMatch(/query parameter "note" is an object, which content text\/plain cannot carry/),
        },
        requests: (r) => expect(r).toHaveLength(0),
      },
    },
    {
      name: 'header: a parameter whose name is no valid header name is refused naming it, never a raw TypeError',
      op: 'badHeader',
      input: { header: { 'header param': 'x' } },
      expect: {
        result: {
          error: { name: 'RequestError', code: 'ERR_HEADER_NAME' },
          check: ({ error }) =>
            expect((error as Error).message).toBe(
              'GET /bad-header (badHeader): header parameter "header param" is not a valid HTTP header name, so it cannot be sent',
            ),
        },
        requests: (r) => expect(r).toHaveLength(0),
      },
    },
    {
      name: 'header: the operation with the invalid header name works when that parameter is left out',
      op: 'badHeader',
      input: {},
      expect: { path: '/bad-header' },
    },
    {
      name: "header: a caller's header whose name is no valid header name is refused, never a raw TypeError",
      op: 'search',
      options: { headers: { 'bad name': 'x' } },
      expect: { result: { error: { name: 'RequestError', code: 'ERR_HEADER_NAME' } }, requests: (r) => expect(r).toHaveLength(0) },
    },
    {
      name: 'path: a missing required path parameter fails before sending',
      op: 'getItem',
      input: { path: { id: 1 } },
      untyped: true,
      expect: { result: { error: { code: 'ERR_MISSING_PARAMETER' } }, requests: (r) => expect(r).toHaveLength(0) },
    },
  ],
} satisfies Table
