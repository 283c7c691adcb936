import { dirname, resolve as resolvePath } from 'node:path'
import { type Document, isMap, isScalar, isSeq, LineCounter, parseDocument, type Node as YamlNode } from 'yaml'
import { decodePointerSegment } from './document'
import { jsonPositions, type JsonPositionNode } from './json-positions'

export interface SourcePosition {
  file: string
  line: number
  column: number
}

/** A node of either tree: `yaml`'s document for YAML, the offsets scan for strict JSON. */
type PositionNode = YamlNode | JsonPositionNode | null

/** A file's tree with offsets and their lines: what the locator walks. */
export interface ParsedSource {
  root: PositionNode
  linePos: (offset: number) => { line: number; col: number }
}

/** The positions of a `yaml` document that was already parsed (with a LineCounter) to read the file. */
export function yamlPositions(doc: Document.Parsed, lines: LineCounter): ParsedSource {
  return { root: doc.contents as YamlNode | null, linePos: (offset) => lines.linePos(offset) }
}

/**
 * Maps a JSON pointer to a line and column in the user's own files. Files are parsed with `yaml`'s
 * CST-backed documents (strict JSON with a scan of its own, json-positions.ts) only when a problem
 * must be located (never on the happy path). The walk
 * follows `$ref`s, internal and relative-file, so a pointer into a dereferenced document still
 * lands where the text was written. A file that the loader already parsed with `yaml` comes with its
 * positions (`parsed`), so it is not parsed a second time.
 */
export class Locator {
  private readonly parsed: Map<string, ParsedSource>

  constructor(
    private readonly sources: ReadonlyMap<string, string>,
    parsed?: ReadonlyMap<string, ParsedSource>,
  ) {
    this.parsed = new Map(parsed)
  }

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
      while (segment !== '$ref' && hops < 32) {
        const ref = refOf(node)
        if (ref === undefined) break
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

  private walk(root: PositionNode, segments: string[]): { node: PositionNode } | undefined {
    let node = root
    for (const segment of segments) {
      const step = this.step(node, decodeURIComponent(segment))
      if (!step) return undefined
      node = step.node
    }
    return { node }
  }

  private step(node: PositionNode, segment: string): { node: PositionNode; key?: PositionNode } | undefined {
    if (isJsonNode(node)) {
      if (node.kind === 'object') {
        const entry = node.entries.find((e) => e.key === segment)
        return entry && { node: entry.value, key: { kind: 'scalar', start: entry.keyStart, value: entry.key } }
      }
      if (node.kind === 'array') {
        const item = node.items[Number(segment)]
        return item === undefined ? undefined : { node: item }
      }
      return undefined
    }
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

  private position(file: string, source: ParsedSource, node: PositionNode): SourcePosition {
    const offset = isJsonNode(node) ? node.start : (node?.range?.[0] ?? 0)
    const { line, col } = source.linePos(offset)
    return { file, line, column: col }
  }

  private load(file: string): ParsedSource | undefined {
    const cached = this.parsed.get(file)
    if (cached) return cached
    const text = this.sources.get(file)
    if (text === undefined) return undefined
    const json = /^\uFEFF?\s*[{[]/.test(text) ? jsonPositions(text) : undefined
    let parsed: ParsedSource
    if (json) {
      parsed = { root: json, linePos: lineStarts(text) }
    } else {
      const lines = new LineCounter()
      parsed = yamlPositions(parseDocument(text, { lineCounter: lines, keepSourceTokens: false, uniqueKeys: false }), lines)
    }
    this.parsed.set(file, parsed)
    return parsed
  }
}

function isJsonNode(node: PositionNode): node is JsonPositionNode {
  return node !== null && typeof (node as JsonPositionNode).kind === 'string' && typeof (node as JsonPositionNode).start === 'number'
}

/** The `$ref` string of a mapping node, if it has one. */
function refOf(node: PositionNode): string | undefined {
  if (isJsonNode(node)) {
    const entry = node.kind === 'object' ? node.entries.find((e) => e.key === '$ref') : undefined
    return entry?.value.kind === 'scalar' && typeof entry.value.value === 'string' ? entry.value.value : undefined
  }
  if (!isMap(node)) return undefined
  const ref = node.get('$ref')
  return typeof ref === 'string' ? ref : undefined
}

/** 1-based line and column of an offset, as `yaml`'s LineCounter gives them. */
function lineStarts(text: string): (offset: number) => { line: number; col: number } {
  const starts = [0]
  for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) starts.push(i + 1)
  return (offset) => {
    let low = 0
    let high = starts.length - 1
    while (low < high) {
      const mid = (low + high + 1) >> 1
      if ((starts[mid] as number) <= offset) low = mid
      else high = mid - 1
    }
    return { line: low + 1, col: offset - (starts[low] as number) + 1 }
  }
}

/** A `$ref` target relative to the file that holds it (a path, or a URL for remote documents). */
export function resolveRelative(from: string, target: string): string {
  if (/^https?:\/\//.test(target)) return target
  if (/^https?:\/\//.test(from)) return new URL(target, from).href
  return resolvePath(dirname(from), decodeURIComponent(target))
}
