import { readFile, realpath, stat } from 'node:fs/promises'
import { dirname, relative, isAbsolute } from 'node:path'
import { fileURLToPath } from 'node:url'
import { bundle } from '@readme/openapi-parser'
import type { JsonObject } from './document'
import { isObject } from './document'
import { SpecError, type Problem } from '../errors'
import { checkDocument, type Finding } from './checks'
import { findMisplacedRefs, resolveMisplacedRefs } from './json-references'
import { parseSource } from './parse-text'
import type { ParsedSource } from './locate'
import { locate } from './validate'
import { depthOver, MAX_BYTES, MAX_DEPTH } from './limits'
import { fetchText, isAllowedOrigin, isRemote } from './remote'

export interface LoadOptions {
  /** The API name, for messages. */
  api: string
  /** Origins remote documents and `$ref`s may come from; empty means no network at all. */
  allowRemote: readonly string[]
  /**
   * Absolute folders, besides the entry document's own folder (and below), that file `$ref`s may
   * read. Empty by default: a document cannot pull in `../../.ssh/id_rsa` unasked.
   */
  allowRefsFrom?: readonly string[]
  timeoutMs?: number
}

export interface LoadedDocument {
  /** Absolute path (or allowed URL) of the entry document. */
  entry: string
  /** Every file read, by absolute path or URL, as text: hashed for the cache, watched, located into. */
  sources: Map<string, string>
  /** The document with external `$ref`s bundled in (internal `#/...` references kept). */
  document: JsonObject
  /** Located warnings about the document's references (misplaced `$ref`s, resolved anyway). */
  warnings?: Problem[]
  /** Positions of the files that were parsed with `yaml` to be read, for the locator (never parsed twice). */
  positions?: Map<string, ParsedSource>
}

interface RefFile {
  url: string
}

/**
 * Reads the entry document and every file it `$ref`s through @readme/openapi-parser's bundler,
 * with our own resolvers: files are read and parsed by us (so we keep their text for locating
 * problems), and HTTP is refused unless the origin is allow-listed, so a build never reaches the
 * network unasked.
 */
export async function loadDocument(entry: string, options: LoadOptions): Promise<LoadedDocument> {
  const sources = new Map<string, string>()
  try {
    return await loadInto(sources, new Map(), entry, options)
  } catch (error) {
    throw withReadFiles(error, [entry, ...sources.keys()])
  }
}

/** Records on a SpecError the files read before it (once: the first, innermost list wins). */
export function withReadFiles(error: unknown, files: Iterable<string>): unknown {
  if (error instanceof SpecError && error.readFiles.length === 0) error.readFiles = [...new Set(files)]
  return error
}

async function loadInto(sources: Map<string, string>, positions: Map<string, ParsedSource>, entry: string, options: LoadOptions): Promise<LoadedDocument> {
  const parsed = new Map<string, unknown>()
  const read = (text: string, where: string): unknown => {
    sources.set(where, text)
    const source = parseSource(text, where, options.api)
    if (source.positions) positions.set(where, source.positions)
    checkDepth(options.api, where, source.value)
    return source.value
  }
  let failure: unknown
  let roots: Promise<string[]> | undefined
  const insideRoots = async (path: string): Promise<boolean> => {
    roots ??= Promise.all([dirname(entry), ...(options.allowRefsFrom ?? [])].map((folder) => realpath(folder).catch(() => folder)))
    // Symbolic links are followed first, so a link inside the folder cannot reach out of it.
    const real = await realpath(path).catch(() => path)
    return (await roots).some((root) => {
      const rest = relative(root, real)
      return rest === '' || (!rest.startsWith('..') && !isAbsolute(rest))
    })
  }
  const remember = <T>(run: () => Promise<T>): Promise<T> =>
    run().catch((error: unknown) => {
      failure ??= error
      throw error
    })
  const file = {
    order: 1,
    canRead: (ref: RefFile) => !isRemote(ref.url),
    read: (ref: RefFile) =>
      remember(async () => {
        const path = toPath(ref.url)
        if (path !== entry && !isRemote(entry) && !(await insideRoots(path))) {
          throw new SpecError(options.api, [
            problem(path, `a $ref reads this file outside the document's folder ${dirname(entry)}: add its folder to the \`allowRefsFrom\` option to allow it`),
          ])
        }
        const size = await stat(path).then(
          (s) => s.size,
          () => 0,
        )
        if (size > MAX_BYTES) throw new SpecError(options.api, [problem(path, `the file is ${size} bytes, over the ${MAX_BYTES}-byte limit for a document`)])
        const text = await readFile(path, 'utf8').catch((error: unknown) => {
          throw new SpecError(options.api, [problem(path, `cannot read the file (${(error as NodeJS.ErrnoException).code ?? 'error'})`)], { cause: error })
        })
        const value = read(text, path)
        parsed.set(path, value)
        return value
      }),
  }
  const http = {
    order: 2,
    canRead: (ref: RefFile) => isRemote(ref.url),
    read: (ref: RefFile) =>
      remember(async () => {
        if (!isAllowedOrigin(ref.url, options.allowRemote)) {
          throw new SpecError(options.api, [
            problem(ref.url, `remote documents are off: add "${safeOrigin(ref.url)}" to the \`allowRemote\` option to fetch it`),
          ])
        }
        const text = await fetchText(ref.url, options.timeoutMs ?? 10_000).catch((error: unknown) => {
          throw new SpecError(options.api, [problem(ref.url, `cannot fetch: ${(error as Error).message}`)], { cause: error })
        })
        return read(text, ref.url)
      }),
  }
  let misplaced: Finding[] = []
  // Most documents are one file: parse it ourselves and skip the bundler's crawl (seconds on large
  // documents) unless it has references to other files or URLs.
  if (!isRemote(entry)) {
    const value = await file.read({ url: entry }).catch((error: unknown) => {
      throw error instanceof SpecError ? error : new SpecError(options.api, [problem(entry, String(error))], { cause: error })
    })
    // Found on the text as written: the bundler below rewrites the entry's references in place.
    misplaced = isObject(value) ? findMisplacedRefs(value) : []
    if (isObject(value) && !hasExternalRef(value)) return withJsonReferences({ entry, sources, positions, document: value }, misplaced)
    sources.clear()
    positions.clear()
    parsed.clear()
  }
  const resolve = { external: true, file, http } as unknown as NonNullable<Parameters<typeof bundle>[1]>['resolve']
  let document: unknown
  try {
    document = await bundle(entry, { resolve })
  } catch (error) {
    if (failure instanceof SpecError) throw failure
    // A dangling internal `$ref`: our own check finds every one of them, with its place.
    const entryValue = parsed.get(entry)
    if (isObject(entryValue)) {
      const found = checkDocument(entryValue).filter((finding) => finding.severity === 'error')
      if (found.length > 0) throw new SpecError(options.api, locate({ entry, sources, positions, document: entryValue }, found), { cause: error })
    }
    throw bundleError(options.api, entry, error, failure)
  }
  if (!isObject(document)) throw new SpecError(options.api, [problem(entry, 'the document is not an object')])
  // Each file was within bounds, but files inlined into each other add up.
  checkDepth(options.api, entry, document)
  return withJsonReferences({ entry, sources, positions, document }, misplaced)
}

/**
 * `$ref`s where OpenAPI has no Reference Object are resolved as JSON References (as Redocly does),
 * with a located warning for each one the entry document holds (see json-references.ts).
 */
function withJsonReferences(loaded: LoadedDocument, findings: Finding[]): LoadedDocument {
  resolveMisplacedRefs(loaded.document)
  return findings.length === 0 ? loaded : { ...loaded, warnings: locate(loaded, findings) }
}

function bundleError(api: string, entry: string, error: unknown, failure: unknown): SpecError {
  const raw = failure ?? error
  const message = raw instanceof Error ? raw.message : String(raw)
  // json-schema-ref-parser names the missing file or pointer; keep that part, drop its stack.
  const source = typeof (error as { source?: unknown })?.source === 'string' ? toPath((error as { source: string }).source) : entry
  return new SpecError(api, [problem(source, `cannot resolve a $ref: ${message.split('\n')[0]}`)], { cause: raw })
}

function checkDepth(api: string, file: string, value: unknown): void {
  const pointer = depthOver(value, MAX_DEPTH)
  if (pointer === undefined) return
  throw new SpecError(api, [
    { ...problem(file, `nested deeper than ${MAX_DEPTH} levels (real documents stay under 30); generation would exhaust the stack`), pointer },
  ])
}

function problem(file: string, message: string): Problem {
  return { file, pointer: '', message, severity: 'error' }
}

function toPath(url: string): string {
  return url.startsWith('file:') ? fileURLToPath(url) : decodeURI(url)
}

function safeOrigin(url: string): string {
  try {
    return new URL(url).origin
  } catch {
    return url
  }
}

/** True when some `$ref` points outside the document (another file or a URL). */
export function hasExternalRef(node: unknown): boolean {
  const stack: unknown[] = [node]
  while (stack.length > 0) {
    const current = stack.pop()
    if (Array.isArray(current)) {
      for (const item of current) if (typeof item === 'object' && item !== null) stack.push(item)
    } else if (typeof current === 'object' && current !== null) {
      for (const [key, value] of Object.entries(current)) {
        if (key === '$ref' && typeof value === 'string' && !value.startsWith('#')) return true
        if (typeof value === 'object' && value !== null) stack.push(value)
      }
    }
  }
  return false
}
