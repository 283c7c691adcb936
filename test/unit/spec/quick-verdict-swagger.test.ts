import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { validate } from '@readme/openapi-parser'
import { describe, expect, it } from 'vitest'
import { SpecError } from '../../../src/errors'
import type { JsonObject } from '../../../src/spec/document'
import { loadDocument } from '../../../src/spec/load'
import { quickVerdict } from '../../../src/spec/quick-verdict'
import { validateDocument } from '../../../src/spec/validate'

type Doc = Record<string, any>

/** A valid Swagger 2.0 document with every place a 2.0 `$ref` may be: parameters, responses, schemas. */
const BASE: Doc = {
  swagger: '2.0',
  info: { title: 'Pets', version: '1' },
  consumes: ['application/json'],
  securityDefinitions: { key: { type: 'apiKey', name: 'X-Key', in: 'header' }, basic: { type: 'basic' } },
  paths: {
    '/pets': {
      get: {
        operationId: 'listPets',
        parameters: [{ $ref: '#/parameters/Limit' }, { name: 'tags', in: 'query', type: 'array', items: { type: 'string' } }],
        responses: {
          '200': {
            description: 'pets',
            headers: { 'X-Total': { type: 'integer' } },
            schema: { type: 'array', items: { $ref: '#/definitions/Pet', description: 'a pet' } },
          },
          default: { $ref: '#/responses/Error' },
        },
      },
      post: {
        operationId: 'addPet',
        parameters: [{ name: 'pet', in: 'body', required: true, schema: { $ref: '#/definitions/NewPet' } }],
        responses: { '201': { description: 'added', schema: { $ref: '#/definitions/Pet' } } },
      },
    },
    '/pets/{id}': {
      parameters: [{ name: 'id', in: 'path', required: true, type: 'integer' }],
      get: { operationId: 'getPet', responses: { '200': { description: 'a pet', schema: { $ref: '#/definitions/Pet' } } } },
      put: {
        operationId: 'uploadPhoto',
        consumes: ['multipart/form-data'],
        parameters: [{ name: 'photo', in: 'formData', type: 'file' }],
        responses: { '204': { description: 'stored' } },
      },
    },
  },
  parameters: { Limit: { name: 'limit', in: 'query', type: 'integer', default: 20 } },
  responses: { Error: { description: 'error', schema: { $ref: '#/definitions/Error' } } },
  definitions: {
    NewPet: { type: 'object', required: ['name'], properties: { name: { type: 'string' }, tag: { type: 'string' } } },
    Pet: {
      type: 'object',
      required: ['id', 'name'],
      allOf: [{ properties: { name: { type: 'string' } } }],
      properties: { id: { type: 'integer' }, owner: { $ref: '#/definitions/Owner', description: 'who', 'x-note': { a: 1 } } },
    },
    Owner: { type: 'object', properties: { pets: { type: 'array', items: { $ref: '#/definitions/Pet' } } } },
    Error: { type: 'object', properties: { message: { type: 'string' } }, example: { message: 'no' } },
  },
}

const list = (d: Doc) => d.paths['/pets'].get
const add = (d: Doc) => d.paths['/pets'].post
const one = (d: Doc) => d.paths['/pets/{id}']

/** Each of the parser's Swagger rules broken, references of the wrong kind or with siblings, and valid changes. */
const VARIANTS: Array<{ name: string; change: (d: Doc) => void }> = [
  { name: 'unchanged', change: () => {} },
  { name: 'duplicate operationId', change: (d) => (one(d).get.operationId = 'listPets') },
  { name: 'two body parameters', change: (d) => add(d).parameters.push({ name: 'again', in: 'body', schema: { type: 'string' } }) },
  { name: 'body and formData', change: (d) => add(d).parameters.push({ name: 'f', in: 'formData', type: 'string' }) },
  { name: 'optional path parameter', change: (d) => (one(d).parameters[0].required = false) },
  { name: 'path parameter missing from the path', change: (d) => (one(d).parameters[0].name = 'other') },
  { name: 'placeholder without parameter', change: (d) => (one(d).parameters = []) },
  {
    name: 'placeholder twice',
    change: (d) => (d.paths['/pets/{id}/{id}'] = { get: { parameters: [one(d).parameters[0]], responses: { '200': { description: 'x' } } } }),
  },
  { name: 'duplicate query parameter', change: (d) => list(d).parameters.push({ name: 'limit', in: 'query', type: 'string' }) },
  { name: 'operation overrides a path parameter', change: (d) => (one(d).get.parameters = [{ name: 'id', in: 'path', required: true, type: 'string' }]) },
  { name: 'file parameter without a form type', change: (d) => (one(d).put.consumes = ['application/json']) },
  {
    name: 'file parameter with the document-wide form type',
    change: (d) => (delete one(d).put.consumes, (d.consumes = ['application/x-www-form-urlencoded'])),
  },
  { name: 'array query parameter without items', change: (d) => delete list(d).parameters[1].items },
  { name: 'array response schema without items', change: (d) => (one(d).get.responses['200'].schema = { type: 'array' }) },
  {
    name: 'array without items behind a reference',
    change: (d) => ((d.definitions.List = { type: 'array' }), (one(d).get.responses['200'].schema = { $ref: '#/definitions/List' })),
  },
  { name: 'array header without items', change: (d) => (list(d).responses['200'].headers['X-Total'] = { type: 'array' }) },
  { name: 'response code 700', change: (d) => (list(d).responses['700'] = { description: 'x' }) },
  { name: 'response code 000', change: (d) => (list(d).responses['000'] = { description: 'x' }) },
  { name: 'extension object among responses', change: (d) => (list(d).responses['x-note'] = { description: 'n' }) },
  { name: 'array without items in an extension among responses', change: (d) => (list(d).responses['x-note'] = { schema: { type: 'array' } }) },
  { name: 'extension string among responses', change: (d) => (list(d).responses['x-note'] = 'text') },
  { name: 'required property that does not exist', change: (d) => d.definitions.NewPet.required.push('age') },
  { name: 'required property of a body schema that does not exist', change: (d) => (add(d).parameters[0].schema = { type: 'object', required: ['x'] }) },
  {
    name: 'required property from an allOf reference',
    change: (d) => ((d.definitions.Pet.allOf = [{ $ref: '#/definitions/NewPet' }]), d.definitions.Pet.required.push('tag')),
  },
  { name: 'definition name with a space', change: (d) => (d.definitions['Bad name'] = { type: 'string' }) },
  { name: 'http security definition (3.x spelling)', change: (d) => (d.securityDefinitions.h = { type: 'http', scheme: 'basic' }) },
  { name: 'api key in a cookie', change: (d) => (d.securityDefinitions.c = { type: 'apiKey', name: 'c', in: 'cookie' }) },
  { name: 'parameter referring to a response', change: (d) => (list(d).parameters[0] = { $ref: '#/responses/Error' }) },
  { name: 'schema referring to a parameter', change: (d) => (add(d).parameters[0].schema = { $ref: '#/parameters/Limit' }) },
  { name: 'response referring to a response schema', change: (d) => (one(d).get.responses['200'] = { $ref: '#/responses/Error/schema' }) },
  { name: 'response schema referring to another response schema', change: (d) => (one(d).get.responses['200'].schema = { $ref: '#/responses/Error/schema' }) },
  {
    name: 'body schema referring to a file response schema',
    change: (d) => ((d.responses.File = { description: 'f', schema: { type: 'file' } }), (add(d).parameters[0].schema = { $ref: '#/responses/File/schema' })),
  },
  { name: 'reference to items', change: (d) => (d.definitions.Items = { $ref: '#/definitions/Owner/properties/pets/items' }) },
  { name: 'parameter reference with a sibling', change: (d) => (list(d).parameters[0] = { $ref: '#/parameters/Limit', description: 'x' }) },
  { name: 'schema reference with a type sibling', change: (d) => (one(d).get.responses['200'].schema = { $ref: '#/definitions/Pet', type: 'array' }) },
  {
    name: 'schema reference with a non-string description',
    change: (d) => (one(d).get.responses['200'].schema = { $ref: '#/definitions/Pet', description: 1 }),
  },
  {
    name: 'schema reference with a sibling, through a chain',
    change: (d) => ((d.definitions.Alias = { $ref: '#/definitions/Pet' }), (one(d).get.responses['200'].schema = { $ref: '#/definitions/Alias', title: 't' })),
  },
  {
    name: 'chain through a reference with siblings',
    change: (d) => ((d.definitions.Alias = { $ref: '#/definitions/Pet', title: 't' }), (one(d).get.responses['200'].schema = { $ref: '#/definitions/Alias' })),
  },
  { name: 'reference in an enum', change: (d) => (d.definitions.Error.properties.message.enum = [{ $ref: '#/info' }, { $ref: '#/info' }]) },
  { name: 'reference in an example', change: (d) => (d.definitions.Error.example = { $ref: '#/info' }) },
  { name: 'reference in a header', change: (d) => (list(d).responses['200'].headers['X-Total'] = { $ref: '#/parameters/Limit' }) },
  { name: 'path item reference', change: (d) => (d.paths['/other'] = { $ref: '#/paths/~1pets' }) },
  { name: 'dangling reference', change: (d) => (one(d).get.responses['200'].schema = { $ref: '#/definitions/Nope' }) },
  { name: 'reference to Object.prototype', change: (d) => (one(d).get.responses['200'].schema = { $ref: '#/definitions/constructor' }) },
  { name: 'reference loop', change: (d) => (d.definitions.Loop = { $ref: '#/definitions/Loop' }) },
  { name: '$id in a schema', change: (d) => (d.definitions.Pet.$id = 'pet') },
  { name: 'oneOf (not in 2.0)', change: (d) => (d.definitions.Error.oneOf = [{ type: 'object' }]) },
  { name: 'path key without a slash', change: (d) => (d.paths['x-extension'] = {}) },
  { name: 'an openapi key too', change: (d) => (d.openapi = '3.0.0') },
  { name: 'swagger 2.1', change: (d) => (d.swagger = '2.1') },
  { name: 'missing info', change: (d) => delete d.info },
]

async function parserVerdict(document: JsonObject): Promise<{ valid: boolean; warnings: number }> {
  try {
    const result = await validate(structuredClone(document) as Parameters<typeof validate>[0], {
      resolve: { external: false },
      validate: { errors: { colorize: false } },
    })
    return { valid: result.valid, warnings: result.warnings.length }
  } catch {
    return { valid: false, warnings: 0 }
  }
}

describe('quickVerdict on Swagger 2.0', () => {
  it('vouches only for documents @readme/openapi-parser accepts, and asks it about every other', async () => {
    const accepted: string[] = []
    const cautious: string[] = []
    for (const variant of VARIANTS) {
      const doc = structuredClone(BASE)
      variant.change(doc)
      const quick = quickVerdict(doc)
      // Swagger 2.0 has no `schema-errors` answer: every rejection is the parser's, worded by it.
      expect(quick === 'valid' || quick === 'ask', variant.name).toBe(true)
      const parser = await parserVerdict(doc)
      if (quick === 'valid') {
        accepted.push(variant.name)
        expect(parser, variant.name).toEqual({ valid: true, warnings: 0 })
      } else if (parser.valid) {
        cautious.push(variant.name)
      }
    }
    // Asked although the parser accepts: shapes the argument does not cover (the parser decides).
    expect(cautious).toEqual([
      // A circular `$ref` stays unresolved in the parser's tree (Pet ↔ Owner here), which changes what its rules see.
      'required property from an allOf reference',
      'parameter reference with a sibling',
      'schema reference with a type sibling',
      'chain through a reference with siblings',
      'reference loop',
      '$id in a schema',
    ])
    expect(accepted).toEqual([
      'unchanged',
      'operation overrides a path parameter',
      'file parameter with the document-wide form type',
      'extension object among responses',
      'response schema referring to another response schema',
      'reference to items',
      'schema reference with a sibling, through a chain',
      'reference in an example',
    ])
  }, 60_000)

  it('a document the parser rejects is rejected as before: its located error, through validateDocument', async () => {
    const doc = structuredClone(BASE)
    one(doc).get.operationId = 'listPets'
    const file = join(mkdtempSync(join(tmpdir(), 'qv-swagger-')), 'pets.json')
    const text = JSON.stringify(doc, null, 2)
    writeFileSync(file, text)
    const loaded = await loadDocument(file, { api: 'pets', allowRemote: [], allowRefsFrom: [] })
    const error = await validateDocument('pets', loaded).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(SpecError)
    // The second `"operationId": "listPets"` of the file, where the parser's message points.
    const line = text.slice(0, text.lastIndexOf('"operationId": "listPets"')).split('\n').length
    expect((error as SpecError).problems).toEqual([
      expect.objectContaining({
        severity: 'error',
        file,
        line,
        pointer: '/paths/~1pets~1{id}/get/operationId',
        message: expect.stringContaining('operationId `listPets` is duplicated'),
      }),
    ])
  })
})
