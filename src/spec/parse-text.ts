import { LineCounter, parseDocument, type YAMLParseError } from 'yaml'
import { SpecError } from '../errors'
import { MAX_YAML_ALIASES } from './limits'
import { type ParsedSource, yamlPositions } from './locate'
import { parseYamlFast } from './parse-yaml-fast'

export interface ParsedText {
  value: unknown
  /** Set when the file went through `yaml`: its positions, kept so the locator does not parse it again. */
  positions?: ParsedSource
}

/**
 * Parses one document file. JSON goes through `JSON.parse` (fast on multi-megabyte files); YAML
 * through js-yaml where that is known to give the same value (parse-yaml-fast.ts), otherwise
 * through `yaml` (YAML 1.2 core schema: no timestamps turned into Dates, so hashing stays stable).
 * A syntax error becomes a located SpecError.
 */
export function parseText(text: string, file: string, api: string): unknown {
  return parseSource(text, file, api).value
}

/** parseText, with the positions of the `yaml` document when that parser was the one used. */
export function parseSource(text: string, file: string, api: string): ParsedText {
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text
  if (/^\s*[{[]/.test(body)) {
    try {
      return { value: JSON.parse(body) }
    } catch {
      // Not strict JSON (comments, trailing commas): YAML is a superset, let it decide and locate.
    }
  }
  const fast = parseYamlFast(body)
  if (fast) return fast
  try {
    return parseWithYaml(body, text === body)
  } catch (error) {
    // By name: vitest and bundlers may load two copies of `yaml`, which defeats instanceof.
    if ((error as Error)?.name === 'YAMLParseError') {
      const { linePos } = error as YAMLParseError
      const [line, column] = linePos?.[0] ? [linePos[0].line, linePos[0].col] : [undefined, undefined]
      const message = `syntax error: ${(error as Error).message.split('\n')[0]?.replace(/ at line \d+, column \d+:?$/, '')}`
      throw new SpecError(api, [{ file, pointer: '', line, column, message, severity: 'error' }], { cause: error })
    }
    // yaml signals alias expansion past maxAliasCount ("billion laughs") with a ReferenceError.
    if ((error as Error)?.name === 'ReferenceError' && /alias/i.test((error as Error).message)) {
      const message = `YAML aliases expand past ${MAX_YAML_ALIASES} nodes (an alias bomb?); write the repeated parts out or use $ref`
      throw new SpecError(api, [{ file, pointer: '', message, severity: 'error' }], { cause: error })
    }
    throw error
  }
}

/**
 * What `yaml`'s `parse` does (warnings emitted, the first error thrown, then `toJS`), keeping the
 * document: `parse` builds a LineCounter for its error messages anyway, so the positions cost nothing
 * more. They are kept only when the text has no byte-order mark, whose offset the locator counts.
 */
function parseWithYaml(body: string, keep: boolean): ParsedText {
  const lines = new LineCounter()
  const doc = parseDocument(body, { lineCounter: lines, uniqueKeys: false })
  for (const warning of doc.warnings) process.emitWarning(warning)
  if (doc.errors.length > 0) throw doc.errors[0]
  const value: unknown = doc.toJS({ maxAliasCount: MAX_YAML_ALIASES })
  return keep ? { value, positions: yamlPositions(doc, lines) } : { value }
}
