import { dirname, resolve as resolvePath } from 'node:path'
import { isMap, isScalar, isSeq, LineCounter, parseDocument, type Node as YamlNode } from 'yaml'
import { decodePointerSegment } from './document'

export interface SourcePosition {
  file: string
  line: number
  column: number
}

interface ParsedSource {
  root: YamlNode | null
  lines: LineCounter
}

/**
 * Maps a JSON pointer to a line and column in the user's own files. Files are parsed with `yaml`'s
 * CST-backed documents only when a problem must be located (never on the happy path). The walk
 * follows `$ref`s, internal and relative-file, so a pointer into a dereferenced document still
 * lands where the text was written.
 */
export class Locator {
  private readonly parsed = new Map<string, ParsedSource>()

  constructor(private readonly sources: ReadonlyMap<string, string>) {}

  locate(file: string, pointer: string): SourcePosition | undefined {
    const segments = pointer === '' ? [] : pointer.slice(1).split('/').map(decodePointerSegment)
    let current = this.load(file)
    if (!current) return undefined
    let node = current.root
    let position = this.position(file, current, node)
    let currentFile = file
    for (let i = 0, hops = 0; i < segments.length; i++) {
      const segment = segments[i] as string
      // Follow a reference unless the pointer asks for the `$ref` member itself.
      while (isMap(node) && segment !== '$ref' && hops < 32) {
        const ref = node.get('$ref')
        if (typeof ref !== 'string') break
        hops++
        const [target, fragment = ''] = ref.split('#')
        const nextFile = target ? resolveRelative(currentFile, target) : currentFile
        const next = this.load(nextFile)
        if (!next) return position
        const resolved = this.walk(next.root, fragment === '' ? [] : fragment.slice(1).split('/').map(decodePointerSegment))
        if (!resolved) return position
        current = next
        currentFile = nextFile
        node = resolved.node
      }
      const step = this.step(node, segment)
      if (!step) return position
      position = this.position(currentFile, current, step.key ?? step.node)
      node = step.node
    }
    return position
  }

  private walk(root: YamlNode | null, segments: string[]): { node: YamlNode | null } | undefined {
    let node = root
    for (const segment of segments) {
      const step = this.step(node, decodeURIComponent(segment))
      if (!step) return undefined
      node = step.node
    }
    return { node }
  }

  private step(node: YamlNode | null, segment: string): { node: YamlNode | null; key?: YamlNode } | undefined {
    if (isMap(node)) {
      for (const pair of node.items) {
        const key = pair.key
        if (isScalar(key) && String(key.value) === segment) return { node: pair.value as YamlNode | null, key }
      }
      return undefined
    }
    if (isSeq(node)) {
      const item = node.items[Number(segment)]
      return item === undefined ? undefined : { node: item as YamlNode | null }
    }
    return undefined
  }

  private position(file: string, source: ParsedSource, node: YamlNode | null): SourcePosition {
    const offset = node?.range?.[0] ?? 0
    const { line, col } = source.lines.linePos(offset)
    return { file, line, column: col }
  }

  private load(file: string): ParsedSource | undefined {
    const cached = this.parsed.get(file)
    if (cached) return cached
    const text = this.sources.get(file)
    if (text === undefined) return undefined
    const lines = new LineCounter()
    const doc = parseDocument(text, { lineCounter: lines, keepSourceTokens: false, uniqueKeys: false })
    const parsed = { root: doc.contents as YamlNode | null, lines }
    this.parsed.set(file, parsed)
    return parsed
  }
}

/** A `$ref` target relative to the file that holds it (a path, or a URL for remote documents). */
export function resolveRelative(from: string, target: string): string {
  if (/^https?:\/\//.test(target)) return target
  if (/^https?:\/\//.test(from)) return new URL(target, from).href
  return resolvePath(dirname(from), decodeURIComponent(target))
}
