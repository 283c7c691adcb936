import { mkdir, writeFile } from 'node:fs/promises'
import { join, resolve } from 'node:path'
import { describe, expect, it } from 'vitest'
import { resolveOptions } from '../../../src/core/options'
import { OptionsError } from '../../../src/errors'
import networking from '../../../src/index'

const FIXTURE = resolve(__dirname, '../../fixtures/petstore-app')

function optionError(raw: unknown, root = FIXTURE): OptionsError {
  try {
    resolveOptions(raw, root)
  } catch (error) {
    expect(error).toBeInstanceOf(OptionsError)
    return error as OptionsError
  }
  throw new Error('expected an OptionsError')
}

describe('options', () => {
  it.each([
    ['a non-object', 'nope', 'options', 'expected an object'],
    ['an unknown option', { api: {} }, 'api', 'unknown option'],
    ['apis of the wrong type', { apis: [] }, 'apis', 'expected an object'],
    ['a bad API name', { apis: { 'no/slash': 'petstore.yaml' } }, 'apis.no/slash', 'API names'],
    ['a missing document', { apis: { pets: 'missing.yaml' } }, 'apis.pets.spec', 'no file at "missing.yaml" (relative to '],
    ['an empty spec', { apis: { pets: { spec: '' } } }, 'apis.pets.spec', 'expected a document path or URL'],
    ['an unknown API option', { apis: { pets: { spec: 'petstore.yaml', base: 'x' } } }, 'apis.pets.base', 'unknown option'],
    ['an empty operations filter', { apis: { pets: { spec: 'petstore.yaml', operations: [] } } }, 'apis.pets.operations', 'non-empty array of strings'],
    ['tags that are not strings', { apis: { pets: { spec: 'petstore.yaml', tags: [1] } } }, 'apis.pets.tags', 'non-empty array of strings'],
    ['a relative baseUrl', { apis: { pets: { spec: 'petstore.yaml', baseUrl: 'api.example.com' } } }, 'apis.pets.baseUrl', 'absolute URL'],
    [
      'a remote document without allow-list',
      { apis: { pets: 'https://api.example.com/openapi.yaml' } },
      'apis.pets.spec',
      'add "https://api.example.com" to `allowRemote`',
    ],
    ['allowRemote not an array', { allowRemote: 'https://x.test' }, 'allowRemote', 'expected an array'],
    ['allowRemote with a path', { allowRemote: ['https://x.test/api'] }, 'allowRemote[0]', 'not an origin'],
    ['allowRemote garbage', { allowRemote: ['x'] }, 'allowRemote[0]', 'is not an origin'],
    ['allowRemote non-string', { allowRemote: [1] }, 'allowRemote[0]', 'expected an origin string'],
    ['a dts path without .d.ts', { dts: 'types.ts' }, 'dts', 'ending in ".d.ts"'],
    ['a missing dir', { dir: 'nowhere' }, 'dir', 'no folder at "nowhere" (relative to '],
    ['an empty dir', { dir: '' }, 'dir', 'expected a folder path'],
    ['a bad cacheDir', { cacheDir: 3 }, 'cacheDir', 'expected false or a folder path'],
    ['a bad root', { root: 1 }, 'root', 'expected a path'],
  ])('rejects %s, naming the option', (_case, raw, option, expected) => {
    const error = optionError(raw)
    expect(error.option).toBe(option)
    expect(error.message).toContain(`invalid option \`${option}\``)
    expect(error.message).toContain(expected)
  })

  it('resolves defaults: no remote origins, declarations at the root, a disk cache in node_modules', () => {
    const options = resolveOptions(
      { apis: { pets: 'petstore.yaml', remote: { spec: 'https://api.example.com/o.yaml', baseUrl: '/v2' } }, allowRemote: ['https://api.example.com/'] },
      FIXTURE,
    )
    expect(options.allowRemote).toEqual(['https://api.example.com'])
    expect(options.dts).toBe(join(FIXTURE, 'api-clients.d.ts'))
    expect(options.cacheDir).toBe(join(FIXTURE, 'node_modules/.cache/codomyrmex-networking'))
    expect([...options.apis.values()]).toEqual([
      { name: 'pets', spec: join(FIXTURE, 'petstore.yaml') },
      { name: 'remote', spec: 'https://api.example.com/o.yaml', baseUrl: '/v2' },
    ])
    expect(resolveOptions({ dts: false, cacheDir: false }, FIXTURE)).toMatchObject({ dts: false, cacheDir: false })
  })

  it('turns every document of a folder into an API named after the file', async () => {
    const dir = resolve(__dirname, '../../.tmp/options-dir')
    await mkdir(dir, { recursive: true })
    for (const file of ['billing.yaml', 'users.json', 'notes.txt', 'bad name.yml']) await writeFile(join(dir, file), 'openapi: 3.0.3')
    const options = resolveOptions({ dir, apis: { users: 'petstore.yaml' } }, FIXTURE)
    expect([...options.apis.keys()]).toEqual(['billing', 'users'])
    expect(options.apis.get('billing')?.spec).toBe(join(dir, 'billing.yaml'))
    // apis wins over a file of the same name
    expect(options.apis.get('users')?.spec).toBe(join(FIXTURE, 'petstore.yaml'))
  })

  it('fails when the plugin is created with options of the wrong shape', () => {
    expect(() => networking.vite({ dts: 'x.ts' })).toThrow(/invalid option `dts`/)
    expect(() => networking.esbuild({ apis: { x: 3 as never } })).toThrow(/invalid option `apis.x`/)
  })
})
