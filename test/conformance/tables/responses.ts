import { expect } from 'vitest'
import type { Reply } from '../harness/server'
import type { Table } from '../harness/case'

const json =
  (status: number, body: unknown, type = 'application/json'): (() => Reply) =>
  () => ({ status, headers: { 'content-type': type }, body: JSON.stringify(body) })

/** Responses decoded by status and media type; documented errors typed per status. */
export default {
  spec: 'responses',
  types: [
    // data is the union of the 2xx bodies by media type; errors narrow by status.
    "const r = await $client.getThing.safe({ path: { id: 'a' } })",
    'if (r.data !== undefined) { const d: { id: string; n?: number } | string = r.data; void d }',
    // With a `default` response, a status narrows to its own body or the default's (default's status is number).
    'if (r.error?.status === 404) { const body: { missing: string } | { message?: string } = r.error.body; void body }',
    'if (r.error?.status === 503) { const body: string | { message?: string } = r.error.body; void body }',
    // Without one, a status narrows to exactly its body.
    "const c = await $client.createThing.safe({ body: { id: 'x' } })",
    'if (c.error?.status === 409) { const conflict: string = c.error.body.conflict; void conflict }',
    '// @ts-expect-error 409 is the only documented error status',
    'if (c.error?.status === 404) void c.error',
    "const created: { id: string; n?: number } | { queued?: boolean } = await $client.createThing({ body: { id: 'x' } }); void created",
    'const g = await $client.getRanged.safe()',
    'if (g.error?.status === 429) { const reason: string = g.error.body.reason; void reason }',
    'const gone: undefined = await $client.deleteThings(); void gone',
    'const blob: Blob = await $client.getBlob(); void blob',
    'const text: string = await $client.getText(); void text',
  ],
  cases: [
    {
      name: '200 JSON is parsed; the accept header lists every success media type',
      op: 'getThing',
      input: { path: { id: 'a' } },
      reply: json(200, { id: 'a', n: 1 }),
      expect: { headers: { accept: 'application/json, text/csv' }, result: { data: { id: 'a', n: 1 } } },
    },
    {
      name: 'JSON with a charset parameter is still JSON',
      op: 'getThing',
      input: { path: { id: 'a' } },
      reply: json(200, { id: 'ü' }, 'application/json; charset=utf-8'),
      expect: { result: { data: { id: 'ü' } } },
    },
    {
      name: 'an error page the document does not describe (HTML 502) keeps its text',
      op: 'getThing',
      input: { path: { id: 'a' } },
      reply: () => ({ status: 502, headers: { 'content-type': 'text/html' }, body: '<h1>Bad gateway</h1>' }),
      expect: { result: { error: { status: 502, body: '<h1>Bad gateway</h1>' } } },
    },
    {
      name: '200 in the second media type (text/csv) is text',
      op: 'getThing',
      input: { path: { id: 'a' } },
      reply: () => ({ status: 200, headers: { 'content-type': 'text/csv; charset=utf-8' }, body: 'id,n\na,1\n' }),
      expect: { result: { data: 'id,n\na,1\n' } },
    },
    {
      name: '404 is a typed error with the parsed JSON body',
      op: 'getThing',
      input: { path: { id: 'gone' } },
      reply: json(404, { missing: 'gone' }),
      expect: { result: { error: { name: 'NotFoundError', status: 404, body: { missing: 'gone' } } } },
    },
    {
      name: '422 application/problem+json is parsed as JSON',
      op: 'getThing',
      input: { path: { id: 'bad' } },
      reply: json(422, { title: 'Invalid', status: 422 }, 'application/problem+json'),
      expect: { result: { error: { status: 422, body: { title: 'Invalid', status: 422 } } } },
    },
    {
      name: '503 text/plain keeps the text',
      op: 'getThing',
      input: { path: { id: 'x' } },
      reply: () => ({ status: 503, headers: { 'content-type': 'text/plain' }, body: 'maintenance' }),
      expect: { result: { error: { status: 503, body: 'maintenance' } } },
    },
    {
      name: 'a status the document does not list falls to default (here 418, parsed by its media type)',
      op: 'getThing',
      input: { path: { id: 'x' } },
      reply: json(418, { message: 'teapot' }),
      expect: { result: { error: { status: 418, body: { message: 'teapot' } } } },
    },
    {
      name: 'the plain call throws the same typed error (status and body on it)',
      op: 'getThing',
      input: { path: { id: 'gone' } },
      reply: json(404, { missing: 'gone' }),
      expect: {
        result: {
          error: { status: 404 },
          check: async ({ error }) => expect((error as Error).message).toMatch(/GET .*\/things\/gone.*404|404.*GET .*\/things\/gone/),
        },
      },
    },
    {
      name: '201 and 202 are both success, each parsed',
      op: 'createThing',
      input: { body: { id: 'n' } },
      reply: json(202, { queued: true }),
      expect: { method: 'POST', result: { data: { queued: true } } },
    },
    {
      name: 'a documented error of an operation without `default`: typed by its status',
      op: 'createThing',
      input: { body: { id: 'dup' } },
      reply: json(409, { conflict: 'dup' }),
      expect: { result: { error: { status: 409, body: { conflict: 'dup' } } } },
    },
    {
      name: 'a range status (4XX) covers the codes in it',
      op: 'getRanged',
      reply: json(429, { reason: 'slow down' }),
      expect: { result: { error: { status: 429, body: { reason: 'slow down' } } } },
    },
    {
      name: '204 resolves to undefined; no media type documented, so accept is left to fetch (*/*)',
      op: 'deleteThings',
      reply: () => ({ status: 204 }),
      expect: { method: 'DELETE', headers: { accept: '*/*' }, result: { data: undefined } },
    },
    {
      name: "a text request to an operation without response content: no accept added (fetch's */*), not application/json",
      op: 'postNote',
      input: { body: 'remember', contentType: 'text/plain' },
      reply: () => ({ status: 204 }),
      expect: { headers: { accept: '*/*', 'content-type': 'text/plain' }, body: 'remember' },
    },
    {
      name: 'a JSON request to an operation without response content: no accept added either',
      op: 'postNote',
      input: { body: { a: 1 }, contentType: 'application/json' },
      reply: () => ({ status: 204 }),
      expect: { headers: { accept: '*/*', 'content-type': 'application/json' }, body: '{"a":1}' },
    },
    {
      name: 'a text request for a CSV response: accept is the documented text/csv',
      op: 'postReport',
      input: { body: 'q' },
      reply: () => ({ status: 200, headers: { 'content-type': 'text/csv' }, body: 'a,b' }),
      expect: { headers: { accept: 'text/csv' }, result: { data: 'a,b' } },
    },
    {
      name: "the caller's Accept (per call, any case) wins over the documented types",
      op: 'getThing',
      input: { path: { id: 'a' } },
      options: { headers: { Accept: 'text/csv' } },
      reply: () => ({ status: 200, headers: { 'content-type': 'text/csv' }, body: 'id\na' }),
      expect: { headers: { accept: 'text/csv' }, result: { data: 'id\na' } },
    },
    {
      name: "the client's Accept (configure/createClient headers) wins over the documented types too",
      op: 'getThing',
      input: { path: { id: 'a' } },
      client: { headers: { ACCEPT: 'application/json' } },
      reply: json(200, { id: 'a' }),
      expect: { headers: { accept: 'application/json' }, result: { data: { id: 'a' } } },
    },
    {
      name: 'binary is a Blob with the bytes',
      op: 'getBlob',
      reply: () => ({ status: 200, headers: { 'content-type': 'application/octet-stream' }, body: new Uint8Array([0, 255, 7]) }),
      expect: {
        headers: { accept: 'application/octet-stream' },
        result: {
          check: async ({ data }) => {
            expect(data).toBeInstanceOf(Blob)
            expect([...new Uint8Array(await (data as Blob).arrayBuffer())]).toEqual([0, 255, 7])
          },
        },
      },
    },
    {
      name: 'text/plain is a string (not parsed as JSON even when it looks like JSON)',
      op: 'getText',
      reply: () => ({ status: 200, headers: { 'content-type': 'text/plain' }, body: '{"a":1}' }),
      expect: { result: { data: '{"a":1}' } },
    },
  ],
} satisfies Table
