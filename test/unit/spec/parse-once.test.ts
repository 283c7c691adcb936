import { resolve } from 'node:path'
import { describe, expect, it, vi } from 'vitest'
import { loadDocument } from '../../../src/spec/load'
import { Locator } from '../../../src/spec/locate'
import { parseSource } from '../../../src/spec/parse-text'
import { validateDocument } from '../../../src/spec/validate'

/** Every document parse of `yaml`, wherever it comes from (parseText, the locator). */
const yamlCalls = vi.hoisted(() => ({ parseDocument: 0, parse: 0 }))
vi.mock('yaml', async (importOriginal) => {
  const yaml = await importOriginal<typeof import('yaml')>()
  return {
    ...yaml,
    parseDocument: (...args: Parameters<typeof yaml.parseDocument>) => {
      yamlCalls.parseDocument++
      return yaml.parseDocument(...args)
    },
    parse: (...args: Parameters<typeof yaml.parse>) => {
      yamlCalls.parse++
      return yaml.parse(...args)
    },
  }
})

// js-yaml refuses this file's layout, so it is read with `yaml`; it builds with located warnings.
const BASELINE = resolve(__dirname, '../../fixtures/corpus/openapi/opc-baseline_openapi_3.1.yaml')

describe('a YAML file read with `yaml` is parsed once, warnings located included', () => {
  it('the opc 3.1 baseline: one parseDocument for loading and locating', async () => {
    yamlCalls.parseDocument = 0
    yamlCalls.parse = 0
    const loaded = await loadDocument(BASELINE, { api: 'api', allowRemote: [] })
    expect(loaded.positions?.has(BASELINE)).toBe(true)
    const warnings = await validateDocument('api', loaded)
    expect(warnings.length).toBeGreaterThan(0)
    for (const warning of warnings) {
      expect(warning.file).toBe(BASELINE)
      expect(warning.line, warning.message).toBeGreaterThan(0)
    }
    expect(yamlCalls).toEqual({ parseDocument: 1, parse: 0 })
    // The kept positions are the ones the locator finds when it parses the file itself.
    const fresh = new Locator(loaded.sources)
    for (const warning of warnings) expect(fresh.locate(BASELINE, warning.pointer)).toEqual({ file: BASELINE, line: warning.line, column: warning.column })
  })

  it('keeps no positions for JSON, js-yaml documents, or a text with a byte-order mark (offsets would shift)', () => {
    const yamlOnly = 'a:\n  b: {\n    c: 1\n  }\n' // js-yaml refuses the closing brace's indentation (as in the baseline)
    expect(parseSource(yamlOnly, 'f.yaml', 'api').positions).toBeDefined()
    expect(parseSource(`\uFEFF${yamlOnly}`, 'f.yaml', 'api')).toEqual({ value: parseSource(yamlOnly, 'f.yaml', 'api').value })
    expect(parseSource('a: 1\n', 'f.yaml', 'api')).toEqual({ value: { a: 1 } })
    expect(parseSource('{"a": 1}', 'f.json', 'api')).toEqual({ value: { a: 1 } })
  })
})
