import { describe, expect, it } from 'vitest'
import { buildSelectedDeclarations } from '../../../src/codegen/selected-declarations'
import type { OpenApiDocument } from '../../../src/spec/document'

const json = { content: { 'application/json': { schema: { $ref: '#/components/schemas/Pet' } } } }
const DOCUMENT = {
  openapi: '3.0.3',
  info: { title: 't', version: '1' },
  paths: {
    '/pets': { get: { operationId: 'listPets', responses: { '200': { description: 'ok', ...json } } } },
    '/pets/{id}': {
      get: {
        operationId: 'getPet',
        parameters: [{ name: 'id', in: 'path', required: true, schema: { type: 'string' } }],
        responses: { '200': { description: 'ok', content: { 'application/json': { schema: { $ref: '#/components/schemas/Owner' } } } } },
      },
    },
  },
  components: {
    schemas: {
      Pet: { type: 'object', properties: { name: { type: 'string' } } },
      Owner: { type: 'object', properties: { pet: { $ref: '#/components/schemas/Pet' } } },
      Lonely: { type: 'string' },
      // Takes the name first: the operation's own data type becomes ListPetsData2, whatever is imported.
      ListPetsData: { type: 'integer' },
    },
  },
} as unknown as OpenApiDocument

describe('buildSelectedDeclarations', () => {
  it('types the imported operation and the schemas it reaches; the rest by name', async () => {
    const text = await buildSelectedDeclarations('pets', DOCUMENT, ['listPets'])
    expect(text).toContain('export const listPets: __Operation<ListPetsInput, ListPetsData2, ListPetsError>')
    expect(text).toMatch(/export const getPet: __Operation\n/)
    expect(text).toContain('export type Pet = components["schemas"]["Pet"]')
    expect(text).not.toContain('Owner')
    expect(text).not.toContain('Lonely')
    expect(text).not.toContain('"/pets/{id}"')
    // Every name stays in the default export's tree, so the index is complete.
    expect(text).toContain('listPets: typeof listPets; getPet: typeof getPet')
    // The index stays small: why a name is loosely typed is said once, not in each doc comment.
    expect(text.match(/fully typed once a file imports it/g)).toHaveLength(1)
    expect(text).toContain('/**\n * `GET /pets/{id}`\n */\nexport const getPet: __Operation\n')
  })

  it('an operation is selected by one of its type names, a schema by its alias alone', async () => {
    const text = await buildSelectedDeclarations('pets', DOCUMENT, ['GetPetData', 'Lonely'])
    expect(text).toContain('export const getPet: __Operation<GetPetInput, GetPetData, GetPetError>')
    expect(text).toContain('export type Owner = components["schemas"]["Owner"]')
    expect(text).toContain('export type Pet = components["schemas"]["Pet"]')
    expect(text).toContain('export type Lonely = components["schemas"]["Lonely"]')
    expect(text).toMatch(/export const listPets: __Operation\n/)
  })

  it('the same set gives the same text in any order', async () => {
    const a = await buildSelectedDeclarations('pets', DOCUMENT, ['getPet', 'listPets'])
    expect(await buildSelectedDeclarations('pets', DOCUMENT, new Set(['listPets', 'getPet', 'listPets']))).toBe(a)
    expect(a).not.toContain('__Operation\n')
  })
})
