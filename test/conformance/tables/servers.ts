import { expect } from 'vitest'
import type { Table } from '../harness/case'

/** Server URLs: variables (defaults, enums), base paths, operation- and path-level servers. */
export default {
  spec: 'servers',
  cases: [
    {
      name: 'the first server, its variables filled (port from the caller, the rest defaults): base path kept',
      op: 'listThings',
      client: { serverVariables: (port) => ({ port: String(port) }) },
      expect: { method: 'GET', path: '/api/v1/things' },
    },
    {
      name: 'an enum variable set to another allowed value',
      op: 'listThings',
      client: { serverVariables: (port) => ({ port: String(port), base: 'beta' }) },
      expect: { path: '/beta/v1/things' },
    },
    {
      name: 'an enum variable set to a value the document does not allow is refused, naming the variable',
      op: 'listThings',
      client: { serverVariables: (port) => ({ port: String(port), base: 'nope' }) },
      expect: { result: { error: { name: 'RequestError', code: 'ERR_SERVER_VARIABLE' } }, requests: (r) => void r.length },
    },
    {
      name: 'operation-level servers win over the document servers (trailing slash joined once)',
      op: 'otherServer',
      client: { serverVariables: (port) => ({ port: String(port) }) },
      expect: { path: '/other/other' },
    },
    {
      name: 'path-level servers apply to the operations of that path',
      op: 'pathLevel',
      client: { serverVariables: (port) => ({ port: String(port) }) },
      expect: { path: '/pathlevel/path-level' },
    },
    {
      name: 'baseUrl replaces the servers; its base path is kept, a trailing slash joined once',
      op: 'listThings',
      client: { baseUrl: (url) => `${url}/prefix/` },
      expect: { path: '/prefix/things' },
    },
    {
      name: 'baseUrl also replaces operation-level servers',
      op: 'otherServer',
      client: { baseUrl: (url) => `${url}/prefix` },
      expect: { path: '/prefix/other' },
    },
    {
      name: 'a relative server URL outside a browser needs baseUrl: refused before sending, saying so',
      op: 'relativeServer',
      client: { serverVariables: (port) => ({ port: String(port) }) },
      expect: {
        result: { error: { name: 'RequestError' }, check: ({ error }) => expect((error as Error).message).toMatch(/\/v2\/relative.*baseUrl|baseUrl.*\/v2/) },
        requests: (r) => expect(r).toHaveLength(0),
      },
    },
    {
      name: 'server picks one of the document servers by index',
      op: 'listThings',
      client: { serverVariables: (port) => ({ port: String(port) }), server: 2 },
      expect: { path: '/third/things' },
    },
    {
      name: 'server picks one of the document servers by description',
      op: 'listThings',
      client: { serverVariables: (port) => ({ port: String(port) }), server: 'Third' },
      expect: { path: '/third/things' },
    },
    {
      name: 'a server index the operation does not have is refused before sending (never a fallback to the first)',
      op: 'listThings',
      client: { serverVariables: (port) => ({ port: String(port) }), server: 7 },
      expect: {
        result: {
          error: { name: 'RequestError', code: 'ERR_SERVER' },
          check: ({ error }) =>
            expect((error as Error).message).toBe(
              "GET /things (listThings): no server 7 (index or description) among this operation's 3; pass baseUrl instead",
            ),
        },
        requests: (r) => expect(r).toHaveLength(0),
      },
    },
    {
      name: 'one operation with an invalid server URL (https://) does not break the others',
      op: 'listThings',
      client: { serverVariables: (port) => ({ port: String(port) }) },
      expect: { path: '/api/v1/things' },
    },
    {
      name: 'the operation with the invalid server URL works with baseUrl',
      op: 'brokenServer',
      expect: { path: '/broken' },
    },
    {
      name: 'the operation with the invalid server URL, called without baseUrl, is refused naming the operation and the URL',
      op: 'brokenServer',
      client: { serverVariables: (port) => ({ port: String(port) }) },
      expect: {
        result: {
          error: { name: 'RequestError', code: 'ERR_SERVER_URL' },
          check: ({ error }) =>
            expect((error as Error).message).toBe(
              'GET /broken (brokenServer): server URL "https://" of the document is not a valid URL; pass baseUrl to configure() or createClient()',
            ),
        },
        requests: (r) => expect(r).toHaveLength(0),
      },
    },
  ],
} satisfies Table
