import { mkdirSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs'
import { join, relative } from 'node:path'
import { pathToFileURL } from 'node:url'
import { afterAll, describe, expect, it } from 'vitest'
import { buildSpecValidators } from '../../../scripts/build-spec-validators.mjs'
import { parseText } from '../../../src/spec/parse-text'
import { compile, precompiled, versionOf, type SpecVersion } from '../../../src/spec/spec-validators'

const ROOT = join(import.meta.dirname, '../../..')
// Inside the repository, so the standalone code's `require('ajv/dist/runtime/...')` resolves.
const OUT = join(ROOT, `test/.tmp/spec-validators-${process.pid}`)
afterAll(() => rmSync(OUT, { recursive: true, force: true }))

function documents(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name)
    if (statSync(path).isDirectory()) return documents(path)
    return /\.(ya?ml|json)$/.test(name) ? [path] : []
  })
}

type Doc = Record<string, unknown>

/** The corpus, and broken variants of petstore, so that both verdicts are compared. */
function cases(): Array<[string, Doc]> {
  const out: Array<[string, Doc]> = []
  for (const file of documents(join(ROOT, 'test/fixtures/corpus/openapi'))) {
    let value: unknown
    try {
      value = parseText(readFileSync(file, 'utf8'), file, 'api')
    } catch {
      continue
    }
    if (typeof value === 'object' && value !== null && ('openapi' in value || 'swagger' in value)) out.push([relative(ROOT, file), value as Doc])
  }
  const petstore = out.find(([name]) => name.endsWith('oai-petstore.yaml'))?.[1] as Doc
  out.push(['petstore without info', { ...petstore, info: undefined }])
  out.push(['petstore with paths: 1', { ...petstore, paths: 1 }])
  out.push(['petstore as 3.1 with a bad server', { ...petstore, openapi: '3.1.0', servers: [{ url: 1 }] }])
  out.push(['swagger with a bad scheme', { swagger: '2.0', info: { title: 't', version: '1' }, schemes: ['gopher'], paths: {} }])
  return out
}

describe('precompiled specification validators', () => {
  mkdirSync(OUT, { recursive: true })
  buildSpecValidators(OUT)
  const base = pathToFileURL(join(OUT, 'index.mjs'))
  const validators = new Map<SpecVersion, { shipped: NonNullable<ReturnType<typeof precompiled>>; compiled: ReturnType<typeof compile> }>()
  for (const version of ['v2', 'v3', 'v31'] as const) {
    const shipped = precompiled(version, base)
    if (!shipped) throw new Error(`no precompiled ${version} validator in ${OUT}`)
    validators.set(version, { shipped, compiled: compile(version) })
  }

  const all = cases()
  it('covers valid and invalid documents of each version', () => {
    const versions = new Set(all.map(([, doc]) => versionOf(doc)))
    expect(versions).toEqual(new Set(['v2', 'v3', 'v31']))
    const verdicts = all.map(([, doc]) => validators.get(versionOf(doc))?.compiled(doc))
    expect(verdicts).toContain(true)
    expect(verdicts).toContain(false)
  })

  for (const [name, doc] of all) {
    it(`gives the run-time compiled verdict and errors: ${name}`, () => {
      const { shipped, compiled } = validators.get(versionOf(doc))!
      expect(shipped(doc)).toBe(compiled(doc))
      expect(shipped.errors ?? null).toStrictEqual(compiled.errors ?? null)
    })
  }

  it('the built package ships them beside the plugin', () => {
    const plugin = pathToFileURL(join(ROOT, 'dist/plugin/index.mjs'))
    for (const version of ['v2', 'v3', 'v31'] as const) expect(precompiled(version, plugin), version).toBeTypeOf('function')
  })

  it('falls back to compiling where nothing was shipped', () => {
    expect(precompiled('v3', pathToFileURL(join(ROOT, 'src/spec/spec-validators.ts')))).toBeUndefined()
  })
})
