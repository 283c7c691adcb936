import { expect } from 'vitest'
import type { Table } from '../harness/case'

const JSON_PART_NOTE = 'FormData can only give a part its own Content-Type by appending a Blob, and a Blob part always carries a filename ("blob")'

/** Request bodies by media type, as the bytes arrive. */
export default {
  spec: 'bodies',
  cases: [
    {
      name: 'JSON: the value as JSON, null members kept, non-ASCII as UTF-8',
      op: 'postJson',
      input: { body: { name: 'Rex ü', tags: ['a'], owner: null } },
      expect: { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"name":"Rex ü","tags":["a"],"owner":null}' },
    },
    {
      name: 'JSON or text: contentType picks the second media type',
      op: 'postJson',
      input: { body: 'plain words', contentType: 'text/plain' },
      expect: { headers: { 'content-type': 'text/plain' }, body: 'plain words' },
    },
    {
      name: 'a vendor JSON type (+json) is sent as JSON under its own name',
      op: 'postMergePatch',
      input: { body: { name: 'x', owner: null } },
      expect: { headers: { 'content-type': 'application/merge-patch+json' }, body: '{"name":"x","owner":null}' },
    },
    {
      name: 'text: the string as it is',
      op: 'postText',
      input: { body: 'héllo\nworld {"not": "json"}' },
      expect: { headers: { 'content-type': 'text/plain' }, body: 'héllo\nworld {"not": "json"}' },
    },
    {
      name: 'form-urlencoded: a nested object without an encoding entry is one field holding its JSON text; arrays exploded; encoding style and contentType honoured',
      op: 'postForm',
      input: { body: { name: 'J ü&x=1', age: 0, address: { street: '1 Main', city: 'X' }, tags: ['a', 'b'], ids: [1, 2], meta: { a: 1 } } },
      note: 'OAS 3.1.1 "URL Encoded Form with JSON Values": the Encoding Object\'s default contentType for an object is application/json; space as + (WHATWG form encoding)',
      expect: {
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: 'name=J+%C3%BC%26x%3D1&age=0&address=%7B%22street%22%3A%221+Main%22%2C%22city%22%3A%22X%22%7D&tags=a&tags=b&ids=1,2&meta=%7B%22a%22%3A1%7D',
      },
    },
    {
      name: 'form-urlencoded: style/explode in an encoding entry choose the form styles (contentType then ignored); items of an array of objects as JSON each',
      op: 'postFormStyled',
      input: { body: { address: { street: '1 Main', city: 'X' }, color: { R: 1, G: 2 }, note: 'a b', points: [{ x: 1 }, { x: 2 }] } },
      note: 'deepObject brackets may be literal or percent-encoded',
      expect: {
        body: [
          'address%5Bstreet%5D=1+Main&address%5Bcity%5D=X&color=R,1,G,2&note=a+b&points=%7B%22x%22%3A1%7D&points=%7B%22x%22%3A2%7D',
          'address[street]=1+Main&address[city]=X&color=R,1,G,2&note=a+b&points=%7B%22x%22%3A1%7D&points=%7B%22x%22%3A2%7D',
        ],
      },
    },
    {
      name: 'form-urlencoded: an object inside an array of a form-styled field is refused naming the field, never [object Object]',
      op: 'postForm',
      input: { body: { ids: [{ a: 1 }] } },
      untyped: true,
      expect: {
        result: {
          error: { name: 'RequestError', code: 'ERR_PARAMETER_VALUE' },
          check: ({ error }) => expect((error as Error).message).toMatch(/form field "ids" holds an object inside an array/),
        },
        requests: (r) => expect(r).toHaveLength(0),
      },
    },
    {
      name: 'form-urlencoded: an object for a text/plain field is refused naming the field',
      op: 'postFormStyled',
      input: { body: { note: { a: 1 } } },
      untyped: true,
      expect: {
        result: { error: { code: 'ERR_PARAMETER_VALUE' }, check: ({ error }) => expect((error as Error).message).toMatch(/form field "note" is an object/) },
        requests: (r) => expect(r).toHaveLength(0),
      },
    },
    {
      name: 'text: an object is refused, never sent as [object Object]',
      op: 'postText',
      input: { body: { a: 1 } },
      untyped: true,
      expect: { result: { error: { code: 'ERR_BODY_TYPE' } }, requests: (r) => expect(r).toHaveLength(0) },
    },
    {
      name: 'form-urlencoded: an item containing the delimiter stays one item',
      op: 'postForm',
      input: { body: { ids: [1, 2], tags: ['a,b'] } },
      expect: { body: 'ids=1,2&tags=a%2Cb' },
    },
    {
      name: 'multipart: one file (name, filename and type kept) and a text field',
      op: 'upload',
      input: { body: { title: 'T ü', file: new File(['hello'], 'a.txt', { type: 'text/plain' }) } },
      expect: {
        parts: [
          { name: 'title', body: 'T ü' },
          { name: 'file', filename: 'a.txt', contentType: 'text/plain', body: 'hello' },
        ],
        requests: (r) => expect(r[0]!.header('content-type')).toMatch(/^multipart\/form-data; boundary=/),
      },
    },
    {
      name: 'multipart: numbers and booleans (0 and false included) as text parts, an array of them one part per item',
      op: 'upload',
      input: { body: { file: new File(['x'], 'x.txt', { type: 'text/plain' }), count: 0, flags: [false, true] } },
      expect: {
        parts: [
          { name: 'file', filename: 'x.txt', contentType: 'text/plain', body: 'x' },
          { name: 'count', body: '0' },
          { name: 'flags', body: 'false' },
          { name: 'flags', body: 'true' },
        ],
      },
    },
    {
      name: 'multipart: an array of files is one part per file under the same name',
      op: 'uploadMany',
      input: {
        body: { files: [new File(['one'], '1.bin', { type: 'application/octet-stream' }), new File(['two'], '2.bin', { type: 'application/octet-stream' })] },
      },
      expect: {
        parts: [
          { name: 'files', filename: '1.bin', contentType: 'application/octet-stream', body: 'one' },
          { name: 'files', filename: '2.bin', contentType: 'application/octet-stream', body: 'two' },
        ],
      },
    },
    {
      name: 'multipart: a JSON part with its own content type; encoding.contentType labels an untyped Blob',
      op: 'uploadWithMeta',
      input: { body: { meta: { name: 'Rex', tags: ['a'] }, file: new Blob(['PNG']) } },
      note: JSON_PART_NOTE,
      expect: {
        parts: [
          { name: 'meta', filename: 'blob', contentType: 'application/json', body: '{"name":"Rex","tags":["a"]}' },
          { name: 'file', filename: 'blob', contentType: 'image/png', body: 'PNG' },
        ],
      },
    },
    {
      name: 'multipart: a string part whose encoding contentType is JSON is sent as it is (not quoted again)',
      op: 'uploadJsonText',
      input: { body: { meta: '{"a":1}' } },
      note: JSON_PART_NOTE,
      expect: { parts: [{ name: 'meta', filename: 'blob', contentType: 'application/json', body: '{"a":1}' }] },
    },
    {
      name: "a range media type (image/*): a Blob's own type within the range is what is sent",
      op: 'putImage',
      input: { body: new Blob(['GIF89a'], { type: 'image/gif' }) },
      expect: { headers: { 'content-type': 'image/gif' }, body: 'GIF89a' },
    },
    {
      name: 'a range media type (image/*): a concrete contentType within the range is accepted and sent',
      op: 'putImage',
      input: { body: new Uint8Array([137, 80]), contentType: 'image/png' },
      expect: { headers: { 'content-type': 'image/png' }, bytes: [137, 80] },
    },
    {
      name: 'a range media type (image/*): untyped bytes without a contentType are refused (a range is no Content-Type)',
      op: 'putImage',
      input: { body: new Uint8Array([1]) },
      expect: {
        result: {
          error: { code: 'ERR_CONTENT_TYPE' },
          check: ({ error }) => expect((error as Error).message).toMatch(/image\/\* is a range|"image\/\*" is a range/),
        },
        requests: (r) => expect(r).toHaveLength(0),
      },
    },
    {
      name: 'a range media type (image/*): a contentType outside the range is refused',
      op: 'putImage',
      input: { body: new Uint8Array([1]), contentType: 'text/plain' },
      untyped: true,
      expect: { result: { error: { code: 'ERR_CONTENT_TYPE' } }, requests: (r) => expect(r).toHaveLength(0) },
    },
    {
      name: '*/*: a concrete contentType is sent, the value encoded for it',
      op: 'putAnything',
      input: { body: 'a,b\n1,2', contentType: 'text/csv' },
      expect: { headers: { 'content-type': 'text/csv' }, body: 'a,b\n1,2' },
    },
    {
      name: '*/*: a plain value without contentType is JSON',
      op: 'putAnything',
      input: { body: { a: 1 } },
      expect: { headers: { 'content-type': 'application/json' }, body: '{"a":1}' },
    },
    {
      name: 'octet-stream: bytes as they are (0x00 and 0xff included)',
      op: 'putBytes',
      input: { body: new Uint8Array([0, 1, 2, 255]) },
      expect: { method: 'PUT', headers: { 'content-type': 'application/octet-stream' }, bytes: [0, 1, 2, 255] },
    },
    {
      name: 'octet-stream: a Blob',
      op: 'putBytes',
      input: { body: new Blob([new Uint8Array([9, 8, 7])]) },
      expect: { headers: { 'content-type': 'application/octet-stream' }, bytes: [9, 8, 7] },
    },
    {
      name: 'nullable JSON body: null is sent as the JSON text null',
      op: 'postNullable',
      input: { body: null },
      expect: { headers: { 'content-type': 'application/json' }, body: 'null' },
    },
    {
      name: 'optional body left out: no body, no content type',
      op: 'postOptional',
      input: {},
      expect: { method: 'POST', headers: { 'content-type': null }, body: null },
    },
    {
      name: 'a contentType the operation does not list is refused before sending',
      op: 'postJson',
      input: { body: { name: 'x' }, contentType: 'application/xml' },
      untyped: true,
      expect: { result: { error: { code: 'ERR_CONTENT_TYPE' } }, requests: (r) => expect(r).toHaveLength(0) },
    },
    {
      name: 'per-call headers (second argument) go out next to the generated ones',
      op: 'postJson',
      input: { body: { name: 'x' } },
      options: { headers: { 'x-trace': 'abc' } },
      expect: { headers: { 'x-trace': 'abc', 'content-type': 'application/json' }, body: '{"name":"x"}' },
    },
    {
      name: 'a required body left out fails before sending',
      op: 'postJson',
      input: {},
      untyped: true,
      expect: { result: { error: { code: 'ERR_BODY_REQUIRED' } }, requests: (r) => expect(r).toHaveLength(0) },
    },
  ],
} satisfies Table
