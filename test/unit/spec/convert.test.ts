import { resolve } from 'node:path'
import { describe, expect, it, vi } from 'vitest'
import { loadDocument } from '../../../src/spec/load'
import { toOpenApi3 } from '../../../src/spec/convert'

/** The options of every conversion, to see what toOpenApi3 hands swagger2openapi. */
const seen = vi.hoisted(() => ({ options: [] as Record<string, unknown>[], original: undefined as unknown }))
vi.mock('swagger2openapi', async (importOriginal) => {
  const original = await importOriginal<typeof import('swagger2openapi')>()
  seen.original = original.convertObj
  return {
    ...original,
    convertObj: (swagger: object, options: Record<string, unknown>) => {
      seen.options.push({ ...options })
      return original.convertObj(swagger as never, options as never)
    },
  }
})

const CORPUS = resolve(__dirname, '../../fixtures/corpus/openapi')
const SWAGGER_2 = ['kubernetes-swagger.json', 'readme-v2-schema-circular.yaml', 'oai-v2-petstore-separate/spec/swagger.yaml']

describe('toOpenApi3: Swagger 2.0 conversion without the YAML re-print of the source', () => {
  it.each(SWAGGER_2)('%s converts to what swagger2openapi gives when it builds the text itself', async (file) => {
    const loaded = await loadDocument(resolve(CORPUS, file), { api: 'api', allowRemote: [], allowRefsFrom: [CORPUS] })
    seen.options.length = 0
    const original = structuredClone(loaded.document)
    const converted = await toOpenApi3('api', file, loaded.document)
    // A source text is given, so swagger2openapi does not yaml.stringify the whole document for it.
    expect(seen.options).toHaveLength(1)
    expect(typeof seen.options[0]?.text === 'string' && (seen.options[0].text as string).length > 0).toBe(true)
    const convertObj = seen.original as (swagger: object, options: object) => Promise<{ openapi: unknown }>
    const reference = await convertObj(original, { patch: true, warnOnly: true, resolve: false, direct: false })
    expect(converted).toStrictEqual(reference.openapi)
    expect(converted.openapi).toMatch(/^3\.0/)
    // swagger2openapi works on its own copy: nothing of the result is an object of the input.
    const inputs = new Set<object>()
    const collect = (node: unknown, into: (o: object) => void) => {
      if (typeof node !== 'object' || node === null) return
      into(node)
      for (const value of Object.values(node)) collect(value, into)
    }
    collect(loaded.document, (o) => inputs.add(o))
    let shared = 0
    collect(converted, (o) => void (inputs.has(o) && shared++))
    expect(shared).toBe(0)
  })
})
