import { parse as parseYaml, type YAMLParseError } from 'yaml'
import { SpecError } from '../errors'
import { MAX_YAML_ALIASES } from './limits'
import { parseYamlFast } from './parse-yaml-fast'

/**
 * Parses one document file. JSON goes through `JSON.parse` (fast on multi-megabyte files); YAML
 * through js-yaml where that is known to give the same value (parse-yaml-fast.ts), otherwise
 * through `yaml` (YAML 1.2 core schema: no timestamps turned into Dates, so hashing stays stable).
 * A syntax error becomes a located SpecError.
 */
export function parseText(text: string, file: string, api: string): unknown {
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text
  if (/^\s*[{[]/.test(body)) {
    try {
      return JSON.parse(body)
    } catch {
      // Not strict JSON (comments, trailing commas): YAML is a superset, let it decide and locate.
    }
  }
  const fast = parseYamlFast(body)
  if (fast) return fast.value
  try {
    return parseYaml(body, { maxAliasCount: MAX_YAML_ALIASES, uniqueKeys: false })
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
