import type { Options } from '@codomyrmex/networking'

export const options: Options = {
  apis: {
    petstore: './openapi/petstore.yaml', // → virtual:api/petstore
    github: {
      spec: './openapi/github.json',
      baseUrl: 'https://api.github.com', // replaces the document's servers
      operations: ['repos/get', 'GET /user'], // generate only these (and what they reference)
    },
  },
  dir: './openapi/more', // every *.yaml|*.yml|*.json here becomes virtual:api/<file stem>
  dts: 'src/api-clients.d.ts', // default 'api-clients.d.ts'; false turns it off; or { path, operations: 'imported' | 'all' }
  allowRemote: [], // origins documents may be fetched from; none by default
  allowRefsFrom: ['./openapi/shared'], // folders file $refs may read besides each document's own
  cacheDir: 'node_modules/.cache/codomyrmex-networking', // false: memory only
  mock: false, // Vite dev server: serve every API from its document under /__api/<name>
}
