import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { encodePointerSegment } from '../../../src/spec/document'
import { jsonPositions } from '../../../src/spec/json-positions'
import { Locator } from '../../../src/spec/locate'

const CORPUS = join(import.meta.dirname, '../../fixtures/corpus/openapi')
const JSON_DOCUMENTS = readdirSync(CORPUS).filter((f) => f.endsWith('.json') && f !== 'kubernetes-swagger.json')

/** Up to `limit` pointers of the document, depth first (keys, array items, nested values). */
function pointers(value: unknown, limit: number, prefix = '', out: string[] = []): string[] {
  if (out.length >= limit || typeof value !== 'object' || value === null) return out
  for (const [key, child] of Object.entries(value)) {
    const pointer = `${prefix}/${encodePointerSegment(key)}`
    out.push(pointer)
    pointers(child, limit, pointer, out)
    if (out.length >= limit) break
  }
  return out
}

describe('locating in JSON documents without yaml', () => {
  it.each(JSON_DOCUMENTS)('%s: every position is the one yaml’s CST gives', (name) => {
    const file = join(CORPUS, name)
    const text = readFileSync(file, 'utf8')
    expect(jsonPositions(text)).toBeDefined()
    const json = new Locator(new Map([[file, text]]))
    // A comment line first makes the same text YAML to the locator (yaml's CST path), one line lower.
    const yaml = new Locator(new Map([[file, `#\n${text}`]]))
    const list = pointers(JSON.parse(text), 3000)
    expect(list.length).toBeGreaterThan(10)
    for (const pointer of ['', ...list]) {
      const expected = yaml.locate(file, pointer)
      const got = json.locate(file, pointer)
      expect({ pointer, ...got }, pointer).toEqual({ pointer, ...expected, line: (expected?.line ?? 0) - 1 })
    }
  })

  it('follows $refs, as in YAML', () => {
    const text = '{\n  "a": { "$ref": "#/b" },\n  "b": {\n    "c": [1, {"d": "\\u00e9x"}]\n  }\n}\n'
    const locator = new Locator(new Map([['/doc.json', text]]))
    expect(locator.locate('/doc.json', '/a/c/1/d')).toEqual({ file: '/doc.json', line: 4, column: 15 })
    expect(locator.locate('/doc.json', '/a/$ref')).toEqual({ file: '/doc.json', line: 2, column: 10 })
  })

  it('refuses what is not strict JSON (the locator then reads it as YAML)', () => {
    for (const text of ['{"a": 1,}', '{"a": 1} x', '{"a": 01}', '{"a" 1}', '["a\n"]', '{/* c */}', '[', '']) expect(jsonPositions(text), text).toBeUndefined()
    expect(jsonPositions('\uFEFF {"a": [true, false, null, -1.5e3, "x\\"y"]}')).toMatchObject({ kind: 'object', start: 2 })
    // A trailing comma: not JSON, but YAML flow, located through yaml as before.
    const locator = new Locator(new Map([['/doc.json', '{\n  "x": 0,\n  "a": 1,\n}\n']]))
    expect(locator.locate('/doc.json', '/a')).toEqual({ file: '/doc.json', line: 3, column: 3 })
  })
})
