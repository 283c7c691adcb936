import { describe, expect, it } from 'vitest'
import type { OpenApiDocument } from '../../../src/spec/document'
import { selectOperations } from '../../../src/codegen/subset'

const document: OpenApiDocument = {
  openapi: '3.1.0',
  security: [{ token: [] }],
  webhooks: { ping: { post: { responses: { '200': { description: 'ok' } } } } },
  paths: {
    '/pets': {
      parameters: [{ $ref: '#/components/parameters/Trace' }],
      get: { operationId: 'listPets', tags: ['pets'], responses: { '200': { $ref: '#/components/responses/Pets' } } },
      post: { tags: ['admin'], requestBody: { $ref: '#/components/requestBodies/NewPet' }, responses: { '201': { description: 'ok' } } },
    },
    '/stores': { get: { operationId: 'listStores', tags: ['stores'], responses: { '200': { description: 'ok' } } } },
  },
  components: {
    securitySchemes: { token: { type: 'http', scheme: 'bearer' }, unused: { type: 'http', scheme: 'basic' } },
    parameters: { Trace: { name: 'trace', in: 'header', schema: { type: 'string' } } },
    responses: { Pets: { description: 'pets', content: { 'application/json': { schema: { type: 'array', items: { $ref: '#/components/schemas/Pet' } } } } } },
    requestBodies: { NewPet: { content: { 'application/json': { schema: { $ref: '#/components/schemas/NewPet' } } } } },
    schemas: {
      Pet: { oneOf: [{ $ref: '#/components/schemas/Cat' }], discriminator: { propertyName: 'kind', mapping: { dog: 'Dog' } } },
      Cat: { type: 'object', properties: { friend: { $ref: '#/components/schemas/Pet' } } },
      Dog: { type: 'object' },
      NewPet: { type: 'object' },
      Store: { type: 'object' },
    },
  },
}

describe('selectOperations', () => {
  it('keeps the chosen operations and exactly the components they reach', () => {
    const subset = selectOperations(document, { operations: ['listPets'] })
    expect(Object.keys(subset.paths ?? {})).toEqual(['/pets'])
    expect(Object.keys((subset.paths?.['/pets'] ?? {}) as object)).toEqual(['parameters', 'get'])
    expect(subset.components).toEqual({
      securitySchemes: document.components?.securitySchemes,
      parameters: { Trace: expect.any(Object) },
      responses: { Pets: expect.any(Object) },
      schemas: { Pet: expect.any(Object), Cat: expect.any(Object), Dog: expect.any(Object) },
    })
    expect('webhooks' in subset).toBe(false)
    // The input is not modified.
    expect(Object.keys(document.paths ?? {})).toEqual(['/pets', '/stores'])
  })

  it('selects by tag and by method + path for operations without an id', () => {
    const byTag = selectOperations(document, { tags: ['stores'] })
    expect(Object.keys(byTag.paths ?? {})).toEqual(['/stores'])
    expect(byTag.components?.schemas).toBeUndefined()
    const byPath = selectOperations(document, { operations: ['POST /pets'] })
    expect(Object.keys((byPath.paths?.['/pets'] ?? {}) as object)).toEqual(['parameters', 'post'])
    expect(Object.keys((byPath.components?.schemas ?? {}) as object)).toEqual(['NewPet'])
  })
})

describe('selectOperations names operations as the generator does', () => {
  it('an empty operationId is `METHOD /path`, and a $ref path item is followed', async () => {
    const { collectOperations } = await import('../../../src/codegen/operations')
    const doc: OpenApiDocument = {
      openapi: '3.1.0',
      paths: {
        '/a': { get: { operationId: '', responses: { '200': { description: 'ok' } } } },
        '/b': { $ref: '#/components/pathItems/B' },
      },
      components: { pathItems: { B: { post: { operationId: 'makeB', responses: { '201': { description: 'ok' } } } } } },
    }
    expect(collectOperations(doc).map((op) => op.def.id)).toEqual(['GET /a', 'makeB'])
    const subset = selectOperations(doc, { operations: ['GET /a', 'makeB'] })
    expect(collectOperations(subset).map((op) => op.def.id)).toEqual(['GET /a', 'makeB'])
  })
})
