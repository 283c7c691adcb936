import { readFile, writeFile, mkdir } from 'node:fs/promises'
import { join, resolve } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { SpecError } from '../../../src/errors'
import { Locator } from '../../../src/spec/locate'
import { prepareSpec } from '../../../src/spec/prepare'
import { isAllowedOrigin } from '../../../src/spec/remote'
import { startServer, type TestServer } from '../../helpers/http-server'

const SPECS = resolve(__dirname, '../../fixtures/specs')
const TMP = resolve(__dirname, '../../.tmp/spec-load')

async function failure(promise: Promise<unknown>): Promise<SpecError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  )
  expect(error).toBeInstanceOf(SpecError)
  return error as SpecError
}

const lineOf = async (file: string, marker: string): Promise<number> => (await readFile(file, 'utf8')).split('\n').findIndex((l) => l.includes(marker)) + 1

describe('loading documents', () => {
  it('bundles relative-file $refs, keeps circular schemas, and lists every file read', async () => {
    const spec = await prepareSpec('multi', join(SPECS, 'multi/api.yaml'), [])
    expect([...spec.sources.keys()].sort()).toEqual(
      ['api.yaml', 'schemas/params.yaml', 'schemas/person.yaml', 'schemas/pet.yaml'].map((f) => join(SPECS, 'multi', f)),
    )
    expect(JSON.stringify(spec.document)).not.toMatch(/\.yaml/)
    expect(spec.warnings).toEqual([])
  })

  it('locates a problem inside a $ref-ed file, not in the entry', async () => {
    const file = join(SPECS, 'multi-broken/parts/params.yaml')
    const error = await failure(prepareSpec('broken', join(SPECS, 'multi-broken/api.yaml'), []))
    const problem = error.problems.find((p) => p.file === file)
    expect(problem, error.message).toBeDefined()
    expect(problem?.line).toBe(await lineOf(file, 'in: querystring'))
    expect(error.message).toContain(`${file}:${problem?.line}:`)
  })

  it('locates a dangling internal $ref in a document that also refers to other files', async () => {
    const file = join(SPECS, 'multi-dangling/api.yaml')
    const error = await failure(prepareSpec('dangling', file, []))
    expect(error.problems).toEqual([
      expect.objectContaining({
        file,
        line: await lineOf(file, '#/components/schemas/Nope'),
        message: '$ref "#/components/schemas/Nope" points to nothing in the document',
      }),
    ])
  })

  it('names a missing pointer into another file', async () => {
    const error = await failure(prepareSpec('pointer', join(SPECS, 'multi-dangling/missing-pointer.yaml'), []))
    expect(error.message).toContain('cannot resolve a $ref: ')
    expect(error.message).toContain('/definitions/Nope')
    expect(error.message).not.toMatch(/\n\s+at /)
  })

  it('reports YAML syntax errors with line and column', async () => {
    const file = join(SPECS, 'syntax-error.yaml')
    const error = await failure(prepareSpec('bad', file, []))
    expect(error.problems[0]?.file).toBe(file)
    // The unclosed flow sequence opens on line 7; the parser notices at the end of the file.
    expect(error.problems[0]?.line).toBeGreaterThanOrEqual(7)
    expect(error.problems[0]?.message).toMatch(/^syntax error/)
  })

  it('reports a missing file', async () => {
    const error = await failure(prepareSpec('none', join(SPECS, 'does-not-exist.yaml'), []))
    expect(error.message).toContain('cannot read the file (ENOENT)')
  })

  it('locates rule violations reported in prose (duplicate operationId)', async () => {
    const file = join(SPECS, 'duplicate-ids.yaml')
    const error = await failure(prepareSpec('dup', file, []))
    const problem = error.problems.find((p) => /duplicated/.test(p.message))
    expect(problem?.pointer).toBe('/paths/~1b/get/operationId')
    expect(problem?.line).toBe(14)
  })

  it('converts Swagger 2.0 split across files', async () => {
    const entry = resolve(__dirname, '../../fixtures/corpus/openapi/oai-v2-petstore-separate/spec/swagger.yaml')
    // It reaches ../common, outside its own folder: that needs allowRefsFrom.
    const spec = await prepareSpec('v2', entry, [], [resolve(entry, '../../common')])
    expect(spec.document.openapi).toMatch(/^3\.0/)
    expect(spec.sources.size).toBe(5)
  })
})

describe('remote documents', () => {
  let server: TestServer
  beforeAll(async () => {
    const pet = 'type: object\nproperties:\n  name:\n    type: string\n'
    const petstore = await readFile(join(SPECS, '../petstore-app/petstore.yaml'), 'utf8')
    server = await startServer((req, res) => {
      if (req.url === '/pet.yaml') return res.writeHead(200, { 'content-type': 'application/yaml' }).end(pet)
      if (req.url === '/petstore.yaml') return res.writeHead(200).end(petstore)
      return res.writeHead(404).end()
    })
    await mkdir(TMP, { recursive: true })
    const text = await readFile(join(SPECS, 'remote-ref.yaml'), 'utf8')
    await writeFile(join(TMP, 'remote-ref.yaml'), text.replace('REMOTE', server.url))
  })
  afterAll(() => server.close())

  it('never fetches a remote $ref unless its origin is allowed', async () => {
    const error = await failure(prepareSpec('remote', join(TMP, 'remote-ref.yaml'), []))
    expect(error.message).toContain(`add "${server.url}" to the \`allowRemote\` option`)
    expect(server.requests).toHaveLength(0)
  })

  it('fetches allowed origins, for $refs and whole documents', async () => {
    const spec = await prepareSpec('remote', join(TMP, 'remote-ref.yaml'), [server.url])
    expect(spec.sources.has(`${server.url}/pet.yaml`)).toBe(true)
    const whole = await prepareSpec('petstore', `${server.url}/petstore.yaml`, [server.url])
    expect(Object.keys(whole.document.paths ?? {})).toEqual(['/pets', '/pets/{petId}'])
    const missing = await failure(prepareSpec('gone', `${server.url}/gone.yaml`, [server.url]))
    expect(missing.message).toContain('404')
  })

  it('compares origins exactly', () => {
    expect(isAllowedOrigin('https://api.example.com/x.yaml', ['https://api.example.com/'])).toBe(true)
    expect(isAllowedOrigin('https://api.example.com.evil.test/x.yaml', ['https://api.example.com'])).toBe(false)
    expect(isAllowedOrigin('not a url', ['https://api.example.com'])).toBe(false)
  })
})

describe('Locator', () => {
  it('follows internal and file $refs and stops at the deepest known place', () => {
    const sources = new Map([
      ['/a.yaml', 'paths:\n  /x:\n    $ref: "#/components/pathItems/X"\ncomponents:\n  pathItems:\n    X:\n      get:\n        $ref: "b.yaml#/Op"\n'],
      ['/b.yaml', 'Op:\n  responses:\n    "200":\n      description: ok\n'],
    ])
    const locator = new Locator(sources)
    expect(locator.locate('/a.yaml', '/paths/~1x/get/responses/200')).toEqual({ file: '/b.yaml', line: 3, column: 5 })
    expect(locator.locate('/a.yaml', '/paths/~1x/get/responses/999')).toEqual({ file: '/b.yaml', line: 2, column: 3 })
    expect(locator.locate('/missing.yaml', '')).toBeUndefined()
  })
})
