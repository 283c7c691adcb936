import { readFile } from 'node:fs/promises'
import { join, resolve } from 'node:path'
import { parse } from 'yaml'
import { describe, expect, it } from 'vitest'
import type { JsonObject } from '../../../src/spec/document'
import { ApiContext } from '../../../src/core/context'
import { resolveOptions } from '../../../src/core/options'
import { findMisplacedRefs, resolveMisplacedRefs } from '../../../src/spec/json-references'

const ROOT = resolve(__dirname, '../../..')
const SPLIT = join(ROOT, 'test/fixtures/specs/json-refs/json-refs.yaml')

describe('a $ref standing for a whole properties map, used twice from another file', () => {
  it('is resolved as a JSON Reference: both schemas get the properties, and the module generates', async () => {
    const context = new ApiContext(resolveOptions({ apis: { refs: SPLIT }, dts: false, cacheDir: false }, ROOT))
    const api = await context.load('refs')
    expect(api.code).toContain('export const listThings =')
    expect(api.code).toContain('export const listOthers =')
    const declarations = context.declarations('refs')!.standalone
    expect(declarations).toMatch(/Thing: \{\s+name: string;\s+size\?: number;\s+\};/)
    expect(declarations).toMatch(/Other: \{\s+name\?: string;\s+size\?: number;\s+\};/)
    expect(declarations).not.toContain('$ref')
    expect(api.watchFiles).toEqual([SPLIT, join(ROOT, 'test/fixtures/specs/json-refs/attributes.yml')])
  })

  it('warns for each use, located where it was written', async () => {
    const context = new ApiContext(resolveOptions({ apis: { refs: SPLIT }, dts: false, cacheDir: false }, ROOT))
    const { warnings } = await context.load('refs')
    const lines = (await readFile(SPLIT, 'utf8')).split('\n')
    const propertiesLines = lines.flatMap((line, i) => (line.trim() === 'properties:' ? [i + 1] : []))
    expect(warnings.map((w) => [w.file, w.line, w.pointer])).toEqual([
      [SPLIT, propertiesLines[0], '/components/schemas/Thing/properties'],
      [SPLIT, propertiesLines[1], '/components/schemas/Other/properties'],
    ])
    for (const warning of warnings) {
      expect(warning.severity).toBe('warning')
      expect(warning.message).toContain('`$ref: attributes.yml#/shared` stands for a whole map, where OpenAPI allows no Reference Object')
    }
  })
})

describe('resolveMisplacedRefs', () => {
  const document = (): JsonObject =>
    parse(`
openapi: 3.0.3
info: { title: t, version: '1' }
paths:
  /a:
    get:
      responses: { $ref: '#/x-shared/responses' }
  /b:
    get:
      responses:
        '200': { $ref: '#/components/responses/Ok' }
components:
  responses:
    Ok:
      description: ok
      content:
        application/json:
          schema: { $ref: '#/components/schemas/Pet' }
          example: { $ref: 'not a reference, a value' }
  schemas:
    Pet:
      type: object
      properties: { $ref: '#/x-shared/petProperties' }
    Chained:
      type: object
      properties: { $ref: '#/x-shared/chained' }
x-shared:
  responses:
    '200': { $ref: '#/components/responses/Ok' }
  petProperties:
    name: { type: string }
  chained: { $ref: '#/x-shared/petProperties' }
`) as JsonObject

  it('replaces maps that are references, and leaves Reference Objects and data alone', () => {
    const doc = document()
    expect(findMisplacedRefs(doc).map((f) => f.pointer)).toEqual([
      '/paths/~1a/get/responses',
      '/components/schemas/Pet/properties',
      '/components/schemas/Chained/properties',
    ])
    expect(resolveMisplacedRefs(doc)).toEqual([])
    const get = (pointer: string[]): unknown => pointer.reduce<unknown>((node, key) => (node as JsonObject)[key], doc)
    expect(get(['paths', '/a', 'get', 'responses'])).toEqual({ '200': { $ref: '#/components/responses/Ok' } })
    expect(get(['components', 'schemas', 'Pet', 'properties'])).toEqual({ name: { type: 'string' } })
    // A target that is itself a reference is followed to its value.
    expect(get(['components', 'schemas', 'Chained', 'properties'])).toEqual({ name: { type: 'string' } })
    expect(get(['components', 'responses', 'Ok', 'content', 'application/json', 'example'])).toEqual({ $ref: 'not a reference, a value' })
    expect(get(['components', 'responses', 'Ok', 'content', 'application/json', 'schema'])).toEqual({ $ref: '#/components/schemas/Pet' })
    expect(findMisplacedRefs(doc)).toEqual([])
  })

  it('leaves a dangling one in place, for the checks to report', () => {
    const doc = document()
    ;((doc.components as JsonObject).schemas as JsonObject).Pet = { type: 'object', properties: { $ref: '#/nowhere' } }
    expect(resolveMisplacedRefs(doc)).toEqual(['/components/schemas/Pet/properties'])
  })

  it('finds nothing in a document without them', async () => {
    const petstore = parse(await readFile(join(ROOT, 'test/fixtures/corpus/openapi/oai-petstore-expanded.yaml'), 'utf8')) as JsonObject
    expect(findMisplacedRefs(petstore)).toEqual([])
  })
})
