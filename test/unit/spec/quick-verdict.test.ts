import { readdirSync, statSync } from 'node:fs'
import { join, relative } from 'node:path'
import { validate } from '@readme/openapi-parser'
import { describe, expect, it } from 'vitest'
import type { JsonObject } from '../../../src/spec/document'
import { loadDocument } from '../../../src/spec/load'
import { quickAccept, quickVerdict } from '../../../src/spec/quick-verdict'

const ROOT = join(import.meta.dirname, '../../..')
const CORPUS = join(ROOT, 'test/fixtures/corpus/openapi')

function documents(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name)
    if (statSync(path).isDirectory()) return documents(path)
    return /\.(ya?ml|json)$/.test(name) ? [path] : []
  })
}

/** The parser's verdict exactly as src/spec/validate.ts asks for it (a throw is a rejection there too). */
async function parserResult(document: JsonObject): Promise<{ valid: boolean; warnings: number; framed: boolean }> {
  try {
    const result = await validate(structuredClone(document) as Parameters<typeof validate>[0], {
      resolve: { external: false },
      validate: { errors: { colorize: false } },
    })
    // Code frames are what validate.ts recognises as schema errors (and replaces by its own findings).
    const framed = !result.valid && result.errors.length > 0 && result.errors.every((e) => /\n\s*>?\s*\d+ \|/.test(e.message))
    return { valid: result.valid, warnings: result.warnings.length, framed }
  } catch {
    return { valid: false, warnings: 0, framed: false }
  }
}

async function parserAccepts(document: JsonObject): Promise<boolean> {
  const result = await parserResult(document)
  return result.valid && result.warnings === 0
}

/** The parser stops at the specification schema, with nothing but schema errors. */
async function parserSchemaErrors(document: JsonObject): Promise<boolean> {
  const result = await parserResult(document)
  return !result.valid && result.framed && result.warnings === 0
}

async function load(file: string): Promise<JsonObject | undefined> {
  try {
    return (await loadDocument(file, { api: 'api', allowRemote: [], allowRefsFrom: [] })).document
  } catch {
    return undefined
  }
}

type Doc = Record<string, any>

/** A document built from a corpus file by `change` (on a copy). */
interface Variant {
  name: string
  base: 'petstore' | 'webhooks'
  change: (doc: Doc) => void
}

const pets = (doc: Doc) => doc.paths['/pets'].get
const pet = (doc: Doc) => doc.paths['/pets/{id}'].get
const okSchema = (doc: Doc) => pets(doc).responses['200'].content['application/json']

/**
 * Changes a valid document in the ways the quick pass has to see: each of the parser's rules broken,
 * references to the wrong kind, through references, with siblings, in data, dangling, looping, and
 * shapes that make the parser's rules throw. And some that stay valid, so both answers are exercised.
 */
const VARIANTS: Variant[] = [
  { name: 'unchanged 3.0', base: 'petstore', change: () => {} },
  { name: 'unchanged 3.1', base: 'webhooks', change: () => {} },
  { name: 'duplicate operationId', base: 'petstore', change: (d) => (pet(d).operationId = 'findPets') },
  { name: 'optional path parameter', base: 'petstore', change: (d) => (pet(d).parameters[0].required = false) },
  { name: 'path parameter missing from the path', base: 'petstore', change: (d) => (d.paths['/pets/{id}'].get.parameters[0].name = 'other') },
  { name: 'placeholder without parameter', base: 'petstore', change: (d) => (d.paths['/pets/{id}'].get.parameters = []) },
  { name: 'duplicate query parameter', base: 'petstore', change: (d) => pets(d).parameters.push(structuredClone(pets(d).parameters[1])) },
  { name: 'array without items in a response', base: 'petstore', change: (d) => (okSchema(d).schema = { type: 'array' }) },
  {
    name: 'array without items behind a reference',
    base: 'petstore',
    change: (d) => {
      d.components.schemas.List = { type: 'array' }
      okSchema(d).schema = { $ref: '#/components/schemas/List' }
    },
  },
  {
    name: 'array without items in a referenced parameter',
    base: 'petstore',
    change: (d) => {
      d.components.parameters = { Tags: { name: 'tags2', in: 'query', schema: { type: 'array' } } }
      pets(d).parameters.push({ $ref: '#/components/parameters/Tags' })
    },
  },
  {
    name: 'array without items in a request body (not a rule)',
    base: 'petstore',
    change: (d) => (d.paths['/pets'].post.requestBody.content['application/json'].schema = { type: 'array' }),
  },
  { name: 'response referring to a schema', base: 'petstore', change: (d) => (pets(d).responses['200'] = { $ref: '#/components/schemas/Pet' }) },
  { name: 'schema referring to a response', base: 'petstore', change: (d) => (okSchema(d).schema = { $ref: '#/paths/~1pets/get/responses/200' }) },
  {
    name: 'property referring to a parameter',
    base: 'petstore',
    change: (d) => {
      d.components.parameters = { Limit: structuredClone(pets(d).parameters[1]) }
      d.components.schemas.Pet.allOf[0] = { $ref: '#/components/parameters/Limit' }
    },
  },
  { name: 'reference with siblings (3.0)', base: 'petstore', change: (d) => (okSchema(d).schema = { $ref: '#/components/schemas/Pet', description: 'x' }) },
  {
    name: 'reference with a sibling Schema does not allow (3.0)',
    base: 'petstore',
    change: (d) => (okSchema(d).schema = { $ref: '#/components/schemas/Pet', nope: 1 }),
  },
  {
    name: 'reference with siblings in a 3.1 schema',
    base: 'webhooks',
    change: (d) => (d.webhooks.newPet.post.requestBody.content['application/json'].schema.description = 'x'),
  },
  {
    name: 'reference to a 3.1 schema that is a string',
    base: 'webhooks',
    change: (d) => (d.webhooks.newPet.post.requestBody.content['application/json'].schema.$ref = '#/info/title'),
  },
  {
    name: 'reference to the same kind elsewhere',
    base: 'petstore',
    change: (d) => (pet(d).responses.default = { $ref: '#/paths/~1pets/get/responses/default' }),
  },
  { name: 'reference through a reference', base: 'petstore', change: (d) => (okSchema(d).schema = { $ref: '#/components/schemas/Pet/allOf/0/required' }) },
  { name: 'chain of references', base: 'petstore', change: (d) => (d.components.schemas.Alias = { $ref: '#/components/schemas/Pet' }) },
  { name: 'reference loop', base: 'petstore', change: (d) => (d.components.schemas.Loop = { $ref: '#/components/schemas/Loop' }) },
  { name: 'dangling reference', base: 'petstore', change: (d) => (okSchema(d).schema = { $ref: '#/components/schemas/Nope' }) },
  { name: 'dangling reference in an example', base: 'petstore', change: (d) => (okSchema(d).example = { $ref: '#/nope' }) },
  { name: 'reference in an example', base: 'petstore', change: (d) => (okSchema(d).example = { $ref: '#/info' }) },
  { name: 'reference to Object.prototype', base: 'petstore', change: (d) => (okSchema(d).schema = { $ref: '#/components/schemas/constructor' }) },
  { name: 'reference to the root', base: 'petstore', change: (d) => (okSchema(d).schema = { $ref: '#' }) },
  { name: 'percent-encoded reference', base: 'petstore', change: (d) => (okSchema(d).schema = { $ref: '#/components/schemas/P%65t' }) },
  { name: 'reference where none is allowed', base: 'petstore', change: (d) => (d.info = { $ref: '#/info' }) },
  { name: 'path item reference', base: 'petstore', change: (d) => (d.paths['/other'] = { $ref: '#/paths/~1pets' }) },
  { name: '$id in a schema', base: 'petstore', change: (d) => (d.components.schemas.Pet.$id = 'pet') },
  { name: 'component name with a space (3.0)', base: 'petstore', change: (d) => (d.components.schemas['Bad name'] = { type: 'string' }) },
  { name: 'component name with a space (3.1)', base: 'webhooks', change: (d) => (d.components.schemas['Bad name'] = { type: 'string' }) },
  {
    name: 'api key scheme with an http field',
    base: 'petstore',
    change: (d) => (d.components.securitySchemes = { k: { type: 'apiKey', name: 'k', in: 'header', scheme: 'basic' } }),
  },
  { name: 'api key in the body', base: 'petstore', change: (d) => (d.components.securitySchemes = { k: { type: 'apiKey', name: 'k', in: 'body' } }) },
  { name: 'oauth2 without flows', base: 'petstore', change: (d) => (d.components.securitySchemes = { o: { type: 'oauth2', flows: {} } }) },
  { name: 'basic scheme (Swagger 2.0 spelling)', base: 'petstore', change: (d) => (d.components.securitySchemes = { b: { type: 'basic' } }) },
  {
    name: 'valid security schemes',
    base: 'petstore',
    change: (d) => (d.components.securitySchemes = { k: { type: 'apiKey', name: 'k', in: 'header' }, h: { type: 'http', scheme: 'bearer' } }),
  },
  { name: 'extension string among responses', base: 'petstore', change: (d) => (pets(d).responses['x-note'] = 'text') },
  { name: 'parameter with neither schema nor content', base: 'petstore', change: (d) => delete pets(d).parameters[1].schema },
  {
    name: 'parameter content with two media types',
    base: 'petstore',
    change: (d) => (pets(d).parameters[1] = { name: 'q', in: 'query', content: { 'a/b': {}, 'c/d': {} } }),
  },
  { name: 'path key without a slash', base: 'petstore', change: (d) => (d.paths['x-extension'] = {}) },
  { name: 'empty 3.1 document', base: 'webhooks', change: (d) => (delete d.webhooks, delete d.components) },
  { name: 'OpenAPI 3.2', base: 'webhooks', change: (d) => (d.openapi = '3.2.0') },
  { name: 'missing info', base: 'petstore', change: (d) => delete d.info },
]

const BASES = { petstore: 'oai-petstore-expanded.yaml', webhooks: 'oai-webhook-example-3.1.json' }

/** The parser is run only where the quick pass says yes: "ask the parser" is always safe. */
describe('quickAccept', () => {
  it('vouches only for documents @readme/openapi-parser accepts: broken variants of valid documents', async () => {
    const bases = new Map<string, JsonObject>()
    for (const [key, file] of Object.entries(BASES)) bases.set(key, (await load(join(CORPUS, file))) as JsonObject)
    const accepted: string[] = []
    const schemaErrors: string[] = []
    for (const variant of VARIANTS) {
      const doc = structuredClone(bases.get(variant.base)) as Doc
      variant.change(doc)
      const quick = quickVerdict(doc)
      if (quick === 'schema-errors') {
        schemaErrors.push(variant.name)
        expect(await parserSchemaErrors(doc), variant.name).toBe(true)
      }
      if (quick !== 'valid') continue
      accepted.push(variant.name)
      expect(quickAccept(doc)).toBe(true)
      expect(await parserAccepts(doc), variant.name).toBe(true)
    }
    // The parser stops at the specification schema for these, and says nothing else (checked above).
    expect(schemaErrors).toEqual([
      'optional path parameter',
      'duplicate query parameter',
      'component name with a space (3.1)',
      'parameter with neither schema nor content',
      'parameter content with two media types',
      'empty 3.1 document',
      'missing info',
    ])
    // Each broken variant is left to the parser; these valid ones are not.
    expect(accepted).toEqual([
      'unchanged 3.0',
      'unchanged 3.1',
      'array without items in a request body (not a rule)',
      'reference with siblings in a 3.1 schema',
      'reference to the same kind elsewhere',
      'chain of references',
      'reference in an example',
      'valid security schemes',
    ])
  }, 60_000)

  it('vouches for every valid OpenAPI 3 and Swagger 2.0 document of the corpus, and only for those', async () => {
    const declined: string[] = []
    const schemaErrors: string[] = []
    for (const file of documents(CORPUS)) {
      const document = await load(file)
      if (!document) continue
      const name = relative(CORPUS, file)
      const quick = quickVerdict(document)
      // The parser takes seconds on the largest documents (that is the point); the corpus tests
      // generate them, which needs an acceptance.
      // Swagger 2.0 runs the parser whatever its size: Kubernetes (4 MB) is the case its quick pass is for.
      const small = statSync(file).size < 1_000_000 || 'swagger' in document
      if (quick === 'schema-errors') {
        schemaErrors.push(name)
        if (small) expect(await parserSchemaErrors(document), name).toBe(true)
      } else if (quick === 'ask') {
        declined.push(name)
      } else if (small) {
        expect(await parserAccepts(document), name).toBe(true)
      }
    }
    expect(schemaErrors).toEqual([
      'opc-baseline_openapi_3.1.yaml',
      'opc-documents_with_errors/bad-status-code.yaml',
      'opc-documents_with_errors/optional-path-param.yaml',
    ])
    expect(declined).toEqual([
      // The files of a split Swagger 2.0 document (its entry reads outside its folder: not loaded).
      'oai-v2-petstore-separate/common/Error.yaml',
      'oai-v2-petstore-separate/spec/NewPet.yaml',
      'oai-v2-petstore-separate/spec/Pet.yaml',
      'oai-v2-petstore-separate/spec/parameters.yaml',
      // 3.1 keywords in a 3.0 document (a $ref with siblings among them).
      'opc-baseline_openapi_3.0.json',
      // A requestBody that refers to itself: the parser lets it through, our own checks report it.
      'opc-documents_with_errors/circular-body-ref.yaml',
      'opc-documents_with_errors/missing-body-ref.yaml',
    ])
  }, 120_000)
})
