import { mkdir, rm, symlink, truncate, writeFile } from 'node:fs/promises'
import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { join, resolve } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { generateApi } from '../../src/codegen/generate'
import { ApiContext } from '../../src/core/context'
import { resolveOptions } from '../../src/core/options'
import { SpecError } from '../../src/errors'
import { MAX_BYTES, MAX_DEPTH } from '../../src/spec/limits'
import { prepareSpec } from '../../src/spec/prepare'

/**
 * Documents that try to exhaust the generator (deep nesting, alias bombs, sheer size) or to read
 * what they should not (files outside their folder, the network). Each is bounded in time and
 * memory, or refused with a SpecError naming the file.
 */
const DIR = resolve(__dirname, '../.tmp/robustness-limits')
const API = join(DIR, 'api')
const tally = { tried: 0, passed: 0 }
let server: Server
let serverUrl: string
let hits = 0

const info = { title: 't', version: '1' }
const op = (schema: unknown) => ({ get: { responses: { '200': { description: 'ok', content: { 'application/json': { schema } } } } } })

beforeAll(async () => {
  await rm(DIR, { recursive: true, force: true })
  await mkdir(join(API, 'inner'), { recursive: true })
  await mkdir(join(DIR, 'secrets'), { recursive: true })
  await writeFile(join(DIR, 'secrets/pet.yaml'), 'type: object\nproperties:\n  token: { type: string }\n')
  await writeFile(join(API, 'inner/pet.yaml'), 'type: object\nproperties:\n  name: { type: string }\n')
  await symlink(join(DIR, 'secrets'), join(API, 'linked'))
  server = createServer((_, res) => {
    hits++
    res.writeHead(200, { 'content-type': 'application/yaml' }).end('type: string\n')
  })
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r))
  serverUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
})

afterAll(async () => {
  await new Promise((r) => server.close(r))
  console.log(`[robustness] document limits: ${tally.tried} cases tried, ${tally.passed} passed`)
})

/** Writes a document, prepares it, and returns the SpecError it must fail with, plus the time taken. */
async function refused(file: string, text: string, options: { allowRefsFrom?: string[] } = {}): Promise<{ error: SpecError; ms: number }> {
  tally.tried++
  const path = join(API, file)
  await writeFile(path, text)
  const started = performance.now()
  const error = await prepareSpec('hostile', path, [], options.allowRefsFrom).then(
    () => undefined,
    (e: unknown) => e,
  )
  const ms = performance.now() - started
  expect(error, `${file} must be refused`).toBeInstanceOf(SpecError)
  expect((error as SpecError).message).not.toMatch(/\n\s+at /)
  tally.passed++
  return { error: error as SpecError, ms }
}

async function accepted(file: string, text: string, options: { allowRefsFrom?: string[] } = {}) {
  tally.tried++
  const path = join(API, file)
  await writeFile(path, text)
  const prepared = await prepareSpec('fine', path, [], options.allowRefsFrom)
  tally.passed++
  return prepared
}

describe('nesting and expansion', () => {
  it.each([
    ['deep-json.json', 'JSON', 100_000],
    ['deep-yaml.yaml', 'YAML flow', 5_000],
    ['just-over.json', 'JSON', MAX_DEPTH],
  ])('%s: %s schemas nested %i levels deep fail fast with a located error', async (file, kind, levels) => {
    const schema = `${'{"type":"array","items":'.repeat(levels)}{"type":"string"}${'}'.repeat(levels)}`
    const text = `{"openapi":"3.0.3","info":{"title":"t","version":"1"},"paths":{"/deep":${JSON.stringify(op(null)).replace('null', schema)}}}`
    const { error, ms } = await refused(file, kind === 'JSON' ? text : text.replace(/^\{/, '{ '))
    expect(error.message).toMatch(new RegExp(`${file}.*nested deeper than ${MAX_DEPTH} levels`))
    expect(error.location?.pointer).toMatch(/^\/paths\/~1deep\/get\/responses\/200\/content\/application~1json\/schema\/items\/items/)
    expect(ms).toBeLessThan(5_000)
  })

  it('nesting well inside the bound still generates', async () => {
    const levels = 60
    const schema = `${'{"type":"array","items":'.repeat(levels)}{"type":"string"}${'}'.repeat(levels)}`
    const prepared = await accepted(
      'deep-ok.json',
      `{"openapi":"3.0.3","info":{"title":"t","version":"1"},"paths":{"/deep":${JSON.stringify(op(null)).replace('null', schema)}}}`,
    )
    const output = await generateApi({ name: 'deep', document: prepared.document })
    expect(output.standalone).toContain('string[][][][][][][][][][]')
  })

  it('a YAML alias bomb ("billion laughs") is refused while parsing', async () => {
    const lines = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    for (let i = 1; i < 9; i++)
      lines.push(
        `${String.fromCharCode(97 + i)}: &${String.fromCharCode(97 + i)} [${Array(9)
          .fill(`*${String.fromCharCode(96 + i)}`)
          .join(',')}]`,
      )
    const text = `openapi: 3.0.3\ninfo: { title: t, version: "1" }\nx-bomb:\n${lines.map((l) => `  ${l}`).join('\n')}\npaths: {}\n`
    const { error, ms } = await refused('bomb.yaml', text)
    expect(error.message).toMatch(/bomb\.yaml: YAML aliases expand past/)
    expect(ms).toBeLessThan(2_000)
  })

  it('ordinary YAML anchors still work', async () => {
    const text =
      'openapi: 3.0.3\ninfo: { title: t, version: "1" }\npaths:\n  /a:\n    get: &get\n      responses: { "204": { description: ok } }\n  /b:\n    get: *get\n'
    const prepared = await accepted('anchors.yaml', text)
    expect(Object.keys(prepared.document.paths ?? {})).toEqual(['/a', '/b'])
  })
})

describe('size', () => {
  it('a wide document (3,000 operations, 3,000 schemas) generates in bounded time', async () => {
    const paths: Record<string, unknown> = {}
    const schemas: Record<string, unknown> = {}
    for (let i = 0; i < 3000; i++) {
      schemas[`S${i}`] = { type: 'object', properties: { id: { type: 'integer' }, next: { $ref: `#/components/schemas/S${i}` } } }
      paths[`/r${i}/{id}`] = {
        get: {
          operationId: `get${i}`,
          parameters: [{ name: 'id', in: 'path', required: true, schema: { type: 'string' } }],
          ...op({ $ref: `#/components/schemas/S${i}` }).get,
        },
      }
    }
    const started = performance.now()
    const prepared = await accepted('wide.json', JSON.stringify({ openapi: '3.0.3', info, paths, components: { schemas } }))
    const output = await generateApi({ name: 'wide', document: prepared.document })
    const ms = performance.now() - started
    expect(output.operations).toBe(3000)
    expect(ms).toBeLessThan(30_000)
  }, 60_000)
})

describe('file size', () => {
  it('a document file over the size limit is refused before it is read', async () => {
    tally.tried++
    const path = join(API, 'huge.json')
    await writeFile(path, '')
    await truncate(path, MAX_BYTES + 1) // sparse: no disk or memory used
    const started = performance.now()
    const error = await prepareSpec('huge', path, []).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(SpecError)
    expect((error as SpecError).message).toMatch(/huge\.json: the file is \d+ bytes, over the \d+-byte limit/)
    expect(performance.now() - started).toBeLessThan(1_000)
    await rm(path)
    tally.passed++
  })
})

describe('where $refs may read from', () => {
  const withRef = (ref: string) => JSON.stringify({ openapi: '3.0.3', info, paths: { '/p': op({ $ref: ref }) } })

  it('a file in the document’s folder (or below) is read', async () => {
    const prepared = await accepted('inside.json', withRef('./inner/pet.yaml'))
    expect([...prepared.sources.keys()]).toContain(join(API, 'inner/pet.yaml'))
  })

  it('a file outside the document’s folder is refused, naming the option that allows it', async () => {
    const { error } = await refused('outside.json', withRef('../secrets/pet.yaml'))
    expect(error.message).toContain(join(DIR, 'secrets/pet.yaml'))
    expect(error.message).toContain('allowRefsFrom')
  })

  it('a symbolic link inside the folder that points outside is refused too', async () => {
    const { error } = await refused('via-link.json', withRef('./linked/pet.yaml'))
    expect(error.message).toContain('allowRefsFrom')
  })

  it('an absolute path outside the folder is refused', async () => {
    const { error } = await refused('absolute.json', withRef(join(DIR, 'secrets/pet.yaml')))
    expect(error.message).toContain('outside the document')
  })

  it('with allowRefsFrom naming the folder, the file is read', async () => {
    const prepared = await accepted('allowed.json', withRef('../secrets/pet.yaml'), { allowRefsFrom: [join(DIR, 'secrets')] })
    expect([...prepared.sources.keys()]).toContain(join(DIR, 'secrets/pet.yaml'))
  })

  it('the plugin option allowRefsFrom (relative to root) reaches the loader', async () => {
    tally.tried++
    await writeFile(join(API, 'plugin.json'), withRef('../secrets/pet.yaml'))
    const load = (allowRefsFrom?: string[]) =>
      new ApiContext(resolveOptions({ apis: { p: 'api/plugin.json' }, dts: false, cacheDir: false, ...(allowRefsFrom ? { allowRefsFrom } : {}) }, DIR)).load(
        'p',
      )
    await expect(load()).rejects.toThrow(/allowRefsFrom/)
    const api = await load(['secrets'])
    expect(api.watchFiles).toContain(join(DIR, 'secrets/pet.yaml'))
    tally.passed++
  })

  it('a remote $ref is refused by default and nothing is fetched', async () => {
    hits = 0
    const { error } = await refused('remote.json', withRef(`${serverUrl}/pet.yaml`))
    expect(error.message).toContain('allowRemote')
    expect(hits).toBe(0)
  })
})
