import { describe, expect, it } from 'vitest'
import { buildApiDef } from '../../../src/codegen/api-def'
import type { OpenApiDocument } from '../../../src/spec/document'
import { groupByTag, nameOperations, nameSchemas } from '../../../src/codegen/names'
import { buildParameter, collectOperations } from '../../../src/codegen/operations'

const document: OpenApiDocument = {
  openapi: '3.0.3',
  servers: [{ url: 'https://{region}.example.com/v1', variables: { region: { default: 'eu', enum: ['eu', 'us'] } } }],
  security: [{ token: [] }],
  tags: [{ name: 'pets' }, { name: 'store admin' }],
  components: {
    securitySchemes: {
      token: { type: 'http', scheme: 'Bearer', bearerFormat: 'JWT' },
      key: { type: 'apiKey', in: 'query', name: 'api_key' },
      oauth: { type: 'oauth2', flows: { clientCredentials: { tokenUrl: '/token', scopes: { read: 'Read' } } } },
      shared: { $ref: '#/components/securitySchemes/key' },
    },
    parameters: { Trace: { name: 'trace', in: 'header', required: true, schema: { type: 'string' } } },
    requestBodies: {
      NewPet: {
        required: true,
        content: { 'application/json': { schema: {} }, 'multipart/form-data': { schema: {}, encoding: { photo: { contentType: 'image/png' } } } },
      },
    },
    schemas: { Pet: {}, pet: {}, 'new-pet': {}, WithRequired: {} },
  },
  paths: {
    '/pets/{petId}': {
      parameters: [
        { name: 'petId', in: 'path', required: true, schema: { type: 'string' } },
        { name: 'verbose', in: 'query', schema: { type: 'boolean' } },
      ],
      get: {
        operationId: 'getPet',
        tags: ['pets'],
        summary: 'One pet',
        parameters: [
          { name: 'verbose', in: 'query', style: 'form', explode: false, schema: { type: 'array' } },
          { $ref: '#/components/parameters/Trace' },
          { name: 'session', in: 'cookie', schema: { type: 'string' } },
          { name: 'filter', in: 'query', content: { 'application/json': { schema: {} } } },
        ],
        responses: { '200': { description: 'ok', content: { 'application/json': {} } }, '404': { description: 'no' }, 'x-extra': {} },
      },
      delete: { tags: ['store admin'], security: [], deprecated: true, 'x-idempotent': true, responses: { '204': { description: 'gone' } } },
    },
    '/pets': {
      post: {
        operationId: 'getPet',
        tags: ['pets'],
        requestBody: { $ref: '#/components/requestBodies/NewPet' },
        responses: { default: { description: 'x' } },
        servers: [{ url: 'https://upload.example.com' }],
      },
    },
  },
}

describe('collectOperations', () => {
  const operations = collectOperations(document)

  it('keeps document order and merges path-level parameters (operation wins)', () => {
    expect(operations.map((op) => `${op.def.method} ${op.def.path}`)).toEqual(['GET /pets/{petId}', 'DELETE /pets/{petId}', 'POST /pets'])
    const [get] = operations
    expect(get?.def.params).toEqual([
      { name: 'petId', in: 'path', style: 'simple', explode: false, required: true },
      { name: 'verbose', in: 'query', style: 'form', explode: false },
      { name: 'trace', in: 'header', style: 'simple', explode: false, required: true },
      { name: 'session', in: 'cookie', style: 'form', explode: true },
      { name: 'filter', in: 'query', style: 'form', explode: true, contentType: 'application/json' },
    ])
    expect(get?.inputs).toEqual({ path: { required: true }, query: { required: false }, header: { required: true }, cookie: { required: false } })
    expect(get?.def.responses).toEqual({ '200': { contentTypes: ['application/json'] }, '404': { contentTypes: [] } })
  })

  it('carries security overrides, servers, idempotency, deprecation and request bodies', () => {
    const [, del, post] = operations
    expect(del?.def).toMatchObject({ id: 'DELETE /pets/{petId}', security: [], idempotent: true, deprecated: true })
    expect(post?.def.body).toEqual({
      required: true,
      contentTypes: ['application/json', 'multipart/form-data'],
      encoding: { 'multipart/form-data': { photo: { contentType: 'image/png' } } },
    })
    expect(post?.def.servers).toEqual([{ url: 'https://upload.example.com' }])
  })

  it('defaults style and explode as the specification says', () => {
    expect(buildParameter({ name: 'a', in: 'query' })).toEqual({ name: 'a', in: 'query', style: 'form', explode: true })
    expect(buildParameter({ name: 'a', in: 'query', style: 'deepObject' })).toEqual({ name: 'a', in: 'query', style: 'deepObject', explode: false })
    expect(buildParameter({ name: 'a', in: 'header', allowReserved: true })).toEqual({
      name: 'a',
      in: 'header',
      style: 'simple',
      explode: false,
      allowReserved: true,
    })
    expect(buildParameter({ name: 'a', in: 'body' })).toBeUndefined()
  })

  it('names operations deterministically: operationId, else method and path; collisions numbered', () => {
    const named = nameOperations(operations)
    expect(named.map((op) => op.name)).toEqual(['getPet', 'deletePetsPetId', 'getPet2'])
    expect(nameOperations(collectOperations(structuredClone(document))).map((op) => op.name)).toEqual(named.map((op) => op.name))
  })

  it('groups by tag in the document tag order, with identifier keys', () => {
    expect(groupByTag(document, nameOperations(operations))).toEqual([
      { key: 'pets', tag: 'pets', operations: ['getPet', 'getPet2'] },
      { key: 'storeAdmin', tag: 'store admin', operations: ['deletePetsPetId'] },
    ])
  })

  it('gives schemas readable aliases that never collide with each other or the helpers', () => {
    expect(nameSchemas(document)).toEqual([
      { alias: 'Pet', schema: 'Pet' },
      { alias: 'Pet2', schema: 'pet' },
      { alias: 'NewPet', schema: 'new-pet' },
      { alias: 'WithRequired2', schema: 'WithRequired' },
    ])
  })
})

describe('buildApiDef', () => {
  it('keeps servers, every security scheme kind and document security', () => {
    expect(buildApiDef('shop', document)).toEqual({
      name: 'shop',
      servers: [{ url: 'https://{region}.example.com/v1', variables: { region: { default: 'eu', enum: ['eu', 'us'] } } }],
      securitySchemes: {
        token: { type: 'http', scheme: 'bearer', bearerFormat: 'JWT' },
        key: { type: 'apiKey', in: 'query', name: 'api_key' },
        oauth: { type: 'oauth2', flows: { clientCredentials: { tokenUrl: '/token', scopes: { read: 'Read' } } } },
        shared: { type: 'apiKey', in: 'query', name: 'api_key' },
      },
      security: [{ token: [] }],
    })
  })

  it('handles openIdConnect, mutualTLS and unknown kinds', () => {
    const def = buildApiDef('x', {
      openapi: '3.1.0',
      components: {
        securitySchemes: { oidc: { type: 'openIdConnect', openIdConnectUrl: 'https://id/.well-known' }, mtls: { type: 'mutualTLS' }, odd: { type: 'magic' } },
      },
    })
    expect(def.securitySchemes).toEqual({ oidc: { type: 'openIdConnect', openIdConnectUrl: 'https://id/.well-known' }, mtls: { type: 'mutualTLS' } })
  })
})
