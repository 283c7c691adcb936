import { readFile } from 'node:fs/promises'
import { generateApi } from '../codegen/generate'
import { selectOperations } from '../codegen/subset'
import { OptionsError, SpecError, type Problem } from '../errors'
import { renderDeclarationFile } from '../dts/render'
import { writeIfChanged } from '../dts/write'
import { MOCK_DECLARATIONS } from '../mock/module'
import { buildMockSpec } from '../mock/routes'
import type { MockSpec } from '../mock/spec'
import { prepareSpec } from '../spec/prepare'
import { fetchText, isRemote } from '../spec/remote'
import { cacheKey, DiskCache, stampFiles, stampsMatch, type CacheEntry } from './cache'
import type { ResolvedApi, ResolvedOptions } from './options'

export interface LoadedApi {
  code: string
  /** Files to watch: the document and every file it `$ref`s. */
  watchFiles: string[]
  warnings: Problem[]
  /** False when the output came from the cache (memory or disk) without regenerating. */
  generated: boolean
}

/**
 * Per-plugin state: turns a registered API into module code, caching by a hash of documents and
 * options (memory first, then disk), and keeps the declaration file in step. Bundler-agnostic:
 * the factory calls it from hooks.
 */
export class ApiContext {
  private readonly memory = new Map<string, CacheEntry>()
  private readonly disk: DiskCache
  private readonly pending = new Map<string, Promise<LoadedApi>>()
  private readonly mockSpecs = new Map<string, { key: string; spec: Promise<MockSpec> }>()
  /** Counts full generations, for tests and benchmarks that must prove a warm build skipped them. */
  generations = 0

  constructor(readonly options: ResolvedOptions) {
    this.disk = new DiskCache(options.cacheDir)
  }

  has(name: string): boolean {
    return this.options.apis.has(name)
  }

  /** The module for one API; concurrent calls for the same API share one run. */
  load(name: string): Promise<LoadedApi> {
    const running = this.pending.get(name)
    if (running) return running
    const run = this.loadFresh(name).finally(() => this.pending.delete(name))
    this.pending.set(name, run)
    return run
  }

  private async loadFresh(name: string): Promise<LoadedApi> {
    const api = this.options.apis.get(name)
    if (!api) throw new Error(`unknown API "${name}"`)
    const cached = this.memory.get(name) ?? (await this.disk.read(name))
    if (cached && (await this.isCurrent(api, cached))) {
      this.memory.set(name, cached)
      return { code: cached.code, watchFiles: localFiles(cached.files), warnings: cached.warnings, generated: false }
    }
    const prepared = await prepareSpec(name, api.spec, this.options.allowRemote, this.options.allowRefsFrom)
    const document = api.operations || api.tags ? selectOperations(prepared.document, api) : prepared.document
    const output = await generateApi({ name, document, ...(api.baseUrl === undefined ? {} : { baseUrl: api.baseUrl }) })
    if (output.operations === 0 && (api.operations || api.tags)) {
      throw new OptionsError(`apis.${name}.${api.operations ? 'operations' : 'tags'}`, 'matched no operation of the document')
    }
    this.generations++
    const files = [...prepared.sources.keys()]
    const entry: CacheEntry = {
      key: cacheKey(apiKey(api), prepared.sources),
      optionsKey: JSON.stringify(apiKey(api)),
      files,
      stamps: await stampFiles(files),
      code: output.code,
      ambient: output.ambient,
      standalone: output.standalone,
      warnings: prepared.warnings,
    }
    this.memory.set(name, entry)
    await this.disk.write(name, entry).catch(() => undefined)
    return { code: entry.code, watchFiles: localFiles(entry.files), warnings: entry.warnings, generated: true }
  }

  /**
   * Unchanged sizes and mtimes mean current without reading anything; otherwise the files are
   * re-read and hashed (a touched but identical file is still a hit). A missing file is a miss.
   */
  private async isCurrent(api: ResolvedApi, entry: CacheEntry): Promise<boolean> {
    if (entry.files[0] !== api.spec || entry.optionsKey !== JSON.stringify(apiKey(api))) return false
    if (await stampsMatch(entry)) return true
    const sources = new Map<string, string>()
    try {
      for (const file of entry.files) sources.set(file, isRemote(file) ? await fetchText(file, 10_000) : await readFile(file, 'utf8'))
    } catch {
      return false
    }
    const current = cacheKey(apiKey(api), sources) === entry.key
    if (current) entry.stamps = await stampFiles(entry.files)
    return current
  }

  /**
   * Mock data for one API (the `/mocks` module and the dev server), rebuilt only when the
   * document's cache key changes. The document is re-read for it: the cache keeps generated code only.
   */
  async mockSpec(name: string): Promise<{ spec: MockSpec; watchFiles: string[] }> {
    const loaded = await this.load(name)
    const api = this.options.apis.get(name) as ResolvedApi
    const key = (this.memory.get(name) as CacheEntry).key
    let hit = this.mockSpecs.get(name)
    if (hit?.key !== key) {
      const spec = prepareSpec(name, api.spec, this.options.allowRemote, this.options.allowRefsFrom).then(({ document }) => {
        const mocks = buildMockSpec(name, api.operations || api.tags ? selectOperations(document, api) : document)
        if (api.baseUrl !== undefined) mocks.server = api.baseUrl
        return mocks
      })
      hit = { key, spec }
      this.mockSpecs.set(name, hit)
      spec.catch(() => this.mockSpecs.get(name) === hit && this.mockSpecs.delete(name))
    }
    return { spec: await hit.spec, watchFiles: loaded.watchFiles }
  }

  /**
   * What a bundler must keep watching after `load(name)` failed with `error`: the document, every
   * file read before the failure, and the files of the last good build (a fix to any of them must
   * rebuild; webpack and rspack otherwise forget the module's files on the error path).
   */
  watchFilesAfterError(name: string, error: unknown): string[] {
    const api = this.options.apis.get(name)
    const read = error instanceof SpecError ? error.readFiles : []
    const lastGood = this.memory.get(name)?.files ?? []
    return localFiles([...new Set([...(api ? [api.spec] : []), ...read, ...lastGood])])
  }

  /** Names of the loaded APIs built from `file` (the document or one it `$ref`s). */
  apisUsing(file: string): string[] {
    return [...this.memory].filter(([, entry]) => entry.files.includes(file)).map(([name]) => name)
  }

  /** Declarations of one loaded API (ambient form), if it has been loaded. */
  declarations(name: string): { ambient: string; standalone: string } | undefined {
    const entry = this.memory.get(name)
    return entry && { ambient: entry.ambient, standalone: entry.standalone }
  }

  /**
   * Loads every API and writes the declaration file if its content changed. An API that fails
   * keeps its last good declarations; the errors are returned for the host to report.
   */
  async writeDeclarations(): Promise<{ written: boolean; errors: Array<{ name: string; error: unknown }> }> {
    const errors: Array<{ name: string; error: unknown }> = []
    // Without a declaration file, APIs are generated only when imported.
    if (!this.options.dts) return { written: false, errors }
    const blocks = new Map<string, string>()
    for (const name of [...this.options.apis.keys()].sort()) {
      try {
        await this.load(name)
        blocks.set(name, (this.declarations(name) as { ambient: string }).ambient)
      } catch (error) {
        errors.push({ name, error })
        // Keep the last good declarations rather than dropping the module from the file.
        const previous = this.declarations(name)
        if (previous) blocks.set(name, previous.ambient)
      }
    }
    const mocks = [...blocks.keys()].map((name) => `declare module ${JSON.stringify(`virtual:api/${name}/mocks`)} {\n${MOCK_DECLARATIONS}\n}\n`)
    const written = await writeIfChanged(this.options.dts, [renderDeclarationFile(blocks), ...mocks].join('\n'))
    return { written, errors }
  }
}

function apiKey(api: ResolvedApi): unknown {
  return { name: api.name, spec: api.spec, baseUrl: api.baseUrl ?? null, operations: api.operations ?? null, tags: api.tags ?? null }
}

function localFiles(files: string[]): string[] {
  return files.filter((file) => !isRemote(file))
}
