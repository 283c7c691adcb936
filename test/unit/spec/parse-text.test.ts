import { readdirSync, readFileSync, statSync } from 'node:fs'
import { join, relative } from 'node:path'
import { describe, expect, it } from 'vitest'
import { parse } from 'yaml'
import { SpecError } from '../../../src/errors'
import { parseText } from '../../../src/spec/parse-text'
import { parseYamlFast } from '../../../src/spec/parse-yaml-fast'

const ROOT = join(import.meta.dirname, '../../..')

function yamlFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name)
    if (statSync(path).isDirectory()) return yamlFiles(path)
    return /\.ya?ml$/.test(name) ? [path] : []
  })
}

/** What the careful parser (`yaml`, as before the fast path) makes of a text. */
const careful = (text: string): unknown => parse(text, { maxAliasCount: 100_000, uniqueKeys: false })

describe('parseText: the js-yaml fast path gives the value `yaml` gives', () => {
  const files = [...yamlFiles(join(ROOT, 'test/fixtures/corpus/openapi')), ...yamlFiles(join(ROOT, 'test/fixtures/specs'))]

  it('finds the corpus', () => {
    expect(files.length).toBeGreaterThan(20)
  })

  for (const file of files) {
    const text = readFileSync(file, 'utf8')
    let expected: unknown
    try {
      expected = careful(text)
    } catch {
      continue // broken on purpose; the located error is tested below and in the spec tests
    }
    it(relative(ROOT, file), () => {
      expect(parseText(text, file, 'api')).toStrictEqual(expected)
    })
  }

  it('takes the fast path for the large corpus documents (no aliases, tags or directives)', () => {
    for (const name of ['stripe-spec3.yaml', 'openai-openapi.yaml', 'spotify-web-api.yml']) {
      const text = readFileSync(join(ROOT, 'test/fixtures/corpus/openapi', name), 'utf8')
      expect(parseYamlFast(text), name).toBeDefined()
    }
  })

  it.each([
    ['integers, floats and their 1.2 spellings', 'a: [0o17, 0x1F, 012, +12, -0, 1e3, .5, .inf, -.Inf, .NaN]'],
    ['booleans and nulls of the core schema (yes/on stay strings)', 'a: [true, True, FALSE, ~, Null, yes, on, tRue]'],
    ['timestamps stay strings', 'a: 2001-12-14t21:59:43.10-05:00\nb: 2002-12-14'],
    ['a later duplicate key wins', 'a: 1\na: 2'],
    ['a merge key is a plain key in YAML 1.2', 'a: {<<: {b: 1}}'],
    ['block and folded scalars', 'a: |\n  x\n  y\nb: >-\n  x\n  y\n'],
    ['quoted escapes', "a: \"\\u0041\\x41\\t\"\nb: 'it''s'"],
    ['a __proto__ key is an own property, not a prototype', 'a: {__proto__: {polluted: true}}'],
    ['core tags', 'a: !!str 12\nb: !!int "3"'],
  ])('%s', (_, text) => {
    const fast = parseYamlFast(text)
    expect(fast).toBeDefined()
    expect(fast?.value).toStrictEqual(careful(text))
    expect(({} as Record<string, unknown>).polluted).toBeUndefined()
  })

  it.each([
    ['an alias (shared node)', 'a: &x {b: 1}\nc: *x'],
    ['a YAML 1.1 directive', '%YAML 1.1\n---\na: yes'],
    ['an unknown tag', 'a: !custom x'],
    ['a complex key', '? [a]\n: 1'],
    ['two documents', 'a: 1\n---\nb: 2'],
    ['a syntax error', 'a: [1, 2\nb: 3'],
  ])('leaves %s to `yaml`', (_, text) => {
    expect(parseYamlFast(text)).toBeUndefined()
  })

  it('values from aliases and directives still come out as `yaml` reads them', () => {
    expect(parseText('a: &x {b: 1}\nc: *x', 'f.yaml', 'api')).toStrictEqual({ a: { b: 1 }, c: { b: 1 } })
    expect(parseText('%YAML 1.1\n---\na: yes', 'f.yaml', 'api')).toStrictEqual({ a: true })
  })

  it('a syntax error is still located by `yaml`', () => {
    let error: unknown
    try {
      parseText('openapi: 3.0.0\ninfo: [1, 2\npaths: {}\n', 'doc.yaml', 'api')
    } catch (caught) {
      error = caught
    }
    expect(error).toBeInstanceOf(SpecError)
    const [problem] = (error as SpecError).problems
    expect(problem).toMatchObject({ file: 'doc.yaml', severity: 'error' })
    expect(problem?.line).toBeTypeOf('number')
    expect(problem?.message).toMatch(/^syntax error: /)
  })
})
