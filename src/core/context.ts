import { readFile } from 'node:fs/promises'
import { SpecError, type Problem } from '../errors'
import { buildSelectedDeclarations } from '../codegen/selected-declarations'
import { mergeImports, selectionKey, type ApiImports, type ImportSet } from '../dts/imports'
import { renderDeclarationFile } from '../dts/render'
import { scanProject } from '../dts/scan-project'
import { writeIfChanged } from '../dts/write'
import { MOCK_DECLARATIONS } from '../mock/module'
import { buildMockSpec } from '../mock/routes'
import type { MockSpec } from '../mock/spec'
import { WS_MOCK_DECLARATIONS } from '../mock/ws-module'
import type { WsMockSpec } from '../mock/ws-spec'
import { asyncApiEntry, asyncApiMockSpec, isAsyncApiFile } from '../asyncapi/plugin'
import type { OpenApiDocument } from '../spec/document'
import { fetchText, isRemote } from '../spec/remote'
import { cacheKey, DiskCache, stampFiles, stampsMatch, type CacheEntry } from './cache'
import type { ResolvedApi, ResolvedOptions } from './options'
import { buildModules, prepareApi } from './pipeline'

export interface LoadedApi {
  code: string
  /** The Vite dev server's variant of `code`. */
  hot: string
  /** Files to watch: the document and every file it `$ref`s. */
  watchFiles: string[]
  warnings: Problem[]
  /** False when the output came from the cache (memory or disk) without regenerating. */
  generated: boolean
}

/** A load whose module is ready; `settled` resolves once its declarations are built (and the entry written to disk). */
interface ModuleRun {
  loaded: LoadedApi
  settled: () => Promise<void>
}

/**
 * Per-plugin state: turns a registered API into module code, caching by a hash of documents and
 * options (memory first, then disk), and keeps the declaration file in step. Bundler-agnostic:
 * the factory calls it from hooks.
 */
export class ApiContext {
  private readonly memory = new Map<string, CacheEntry>()
  private readonly disk: DiskCache
  private readonly pending = new Map<string, Promise<ModuleRun>>()
  /** A generated entry's declarations, built on first demand (see loadModule); absent once built. */
  private readonly unsettled = new WeakMap<CacheEntry, () => Promise<void>>()
  /** The last declarations built per API: what the declaration file keeps while a newer build fails. */
  private readonly declared = new Map<string, { ambient: string; standalone: string; queryAmbient: string }>()
  private readonly mockSpecs = new Map<string, { key: string; spec: Promise<MockSpec | WsMockSpec> }>()
  /** Counts full generations, for tests and benchmarks that must prove a warm build skipped them. */
  generations = 0
  /** What each source file imports from `virtual:api/*` (dts.operations 'imported'). */
  private readonly fileImports = new Map<string, ImportSet>()
  /** Files whose imports the bundler reported: their current text wins over the project scan. */
  private readonly reported = new Set<string>()
  private scanned: Promise<void> | undefined
  /** The prepared document of each API generated in this process, kept to type a new import set. */
  private readonly documents = new Map<string, { key: string; document: OpenApiDocument }>()
  /** The declarations last built per API for an import set (`selection`), by cache key. */
  private readonly selected = new Map<string, { key: string; selection: string; ambient: string }>()

  constructor(readonly options: ResolvedOptions) {
    this.disk = new DiskCache(options.cacheDir)
  }

  has(name: string): boolean {
    return this.options.apis.has(name)
  }

  /** The module for one API and its declarations; concurrent calls for the same API share one run. */
  async load(name: string): Promise<LoadedApi> {
    const run = await this.start(name)
    await run.settled()
    return run.loaded
  }

  /**
   * The module alone: its declarations are built by the next `load`, `writeDeclarations` or
   * `settle` instead. The dev server's hot path: the page needs the module, and the declarations
   * of a large document (openapi-typescript's transform and TypeScript's printer) are most of its
   * generation time.
   */
  async loadModule(name: string): Promise<LoadedApi> {
    return (await this.start(name)).loaded
  }

  /** Builds every declaration still pending (and writes those entries to the disk cache). */
  async settle(): Promise<void> {
    for (const entry of this.memory.values()) await this.unsettled.get(entry)?.()
  }

  private start(name: string): Promise<ModuleRun> {
    const running = this.pending.get(name)
    if (running) return running
    // Only the module step is shared: a change during a declaration build must start a new run.
    const run = this.loadFresh(name).finally(() => this.pending.delete(name))
    this.pending.set(name, run)
    return run
  }

  private async loadFresh(name: string): Promise<ModuleRun> {
    const api = this.options.apis.get(name)
    if (!api) throw new Error(`unknown API "${name}"`)
    const cached = this.memory.get(name) ?? (await this.disk.read(name))
    if (cached && (await this.isCurrent(api, cached))) {
      this.memory.set(name, cached)
      if (!this.unsettled.has(cached)) this.declared.set(name, declarationsOf(cached))
      return { loaded: loadedFrom(cached, false), settled: () => this.unsettled.get(cached)?.() ?? Promise.resolve() }
    }
    if (await isAsyncApiFile(api.spec)) {
      const entry = await asyncApiEntry(api, this.options, apiKey(api))
      this.generations++
      this.memory.set(name, entry)
      this.declared.set(name, declarationsOf(entry))
      await this.disk.write(name, entry).catch(() => undefined)
      return { loaded: loadedFrom(entry, true), settled: () => Promise.resolve() }
    }
    const { sources, warnings, output, document } = await buildModules(api, this.options)
    this.generations++
    const files = [...sources.keys()]
    const entry: CacheEntry = {
      key: cacheKey(apiKey(api), sources),
      optionsKey: JSON.stringify(apiKey(api)),
      files,
      stamps: await stampFiles(files),
      code: output.code,
      hot: output.hot,
      ambient: '',
      standalone: '',
      query: output.query,
      queryAmbient: output.queryAmbient,
      warnings,
    }
    let building: Promise<void> | undefined
    const settled = (): Promise<void> => {
      building ??= output.declarations().then(async ({ ambient, standalone }) => {
        entry.ambient = ambient
        entry.standalone = standalone
        this.unsettled.delete(entry)
        if (this.memory.get(name) === entry) this.declared.set(name, declarationsOf(entry))
        // Written once complete: a disk entry always has its declarations.
        await this.disk.write(name, entry).catch(() => undefined)
      })
      return building
    }
    this.unsettled.set(entry, settled)
    this.memory.set(name, entry)
    if (this.options.dtsOperations === 'imported') this.documents.set(name, { key: entry.key, document })
    return { loaded: loadedFrom(entry, true), settled }
  }

  /**
   * Records what `file` imports now (the bundler's transform of it); true when that changes the
   * set of operations some API must type, i.e. when the declaration file must be rewritten.
   */
  recordImports(file: string, imports: ImportSet): boolean {
    const before = this.selectionKeys()
    this.reported.add(file)
    if (imports.size === 0) this.fileImports.delete(file)
    else this.fileImports.set(file, imports)
    return this.selectionKeys() !== before
  }

  /** The union of what every known file imports, per API. */
  imports(): ImportSet {
    const union: ImportSet = new Map()
    for (const imports of this.fileImports.values()) mergeImports(union, imports)
    return union
  }

  private selectionKeys(): string {
    const union = this.imports()
    return JSON.stringify([...union.keys()].sort().map((name) => [name, selectionKey(union.get(name)), union.get(name)?.query, union.get(name)?.mocks]))
  }

  /** Once per context: the files under the root, as `sync` sees them; the bundler's reports then refine it. */
  private scanSources(): Promise<void> {
    this.scanned ??= scanProject(this.options.root, this.options.cacheDir ? [this.options.cacheDir] : []).then((found) => {
      for (const [file, imports] of found) if (!this.reported.has(file)) this.fileImports.set(file, imports)
    })
    return this.scanned
  }

  /**
   * The declarations of `name` typing only what `imports` names (the others by name only). Built
   * once per (document, import set), kept in memory and on disk: a rebuild or restart with the
   * same imports reuses them, so only a change of the set costs a (small) type generation. The
   * document comes from this process's generation, else is prepared again.
   */
  private async selectedDeclarations(name: string, imports: ApiImports | undefined): Promise<string> {
    const entry = this.memory.get(name) as CacheEntry
    const selection = selectionKey(imports)
    const hit = this.selected.get(name) ?? (await this.disk.readSelected(name, entry.key))
    if (hit?.key === entry.key && hit.selection === selection) {
      this.selected.set(name, hit)
      return hit.ambient
    }
    const api = this.options.apis.get(name) as ResolvedApi
    let held = this.documents.get(name)
    let ambient: string
    if (held?.key !== entry.key && (await isAsyncApiFile(api.spec))) {
      // AsyncAPI declarations are small already: the full ones stand for every import set.
      ambient = entry.ambient
    } else {
      if (held?.key !== entry.key) {
        held = { key: entry.key, document: (await prepareApi(api, this.options)).document }
        this.documents.set(name, held)
      }
      ambient = await buildSelectedDeclarations(name, held.document, imports?.names ?? [])
    }
    const built = { key: entry.key, selection, ambient }
    this.selected.set(name, built)
    await this.disk.writeSelected(name, built).catch(() => undefined)
    return ambient
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
  async mockSpec(name: string, { early = false } = {}): Promise<{ spec: MockSpec | WsMockSpec; watchFiles: string[] }> {
    const loaded = early ? await this.loadModule(name) : await this.load(name)
    const api = this.options.apis.get(name) as ResolvedApi
    const key = (this.memory.get(name) as CacheEntry).key
    let hit = this.mockSpecs.get(name)
    if (hit?.key !== key) {
      const spec = this.isAsyncApi(name).then(async (asyncApi) => {
        if (asyncApi) return asyncApiMockSpec(api, this.options)
        const { document } = await prepareApi(api, this.options)
        const mocks = buildMockSpec(name, document)
        if (api.baseUrl !== undefined) mocks.server = api.baseUrl
        return mocks
      })
      hit = { key, spec }
      this.mockSpecs.set(name, hit)
      spec.catch(() => this.mockSpecs.get(name) === hit && this.mockSpecs.delete(name))
    }
    return { spec: await hit.spec, watchFiles: loaded.watchFiles }
  }

  /** True when the API's document is AsyncAPI (told by its content). */
  isAsyncApi(name: string): Promise<boolean> {
    const api = this.options.apis.get(name)
    return api ? isAsyncApiFile(api.spec) : Promise.resolve(false)
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

  /** Declarations of one loaded API (the last ones built), if it has been loaded. */
  declarations(name: string): { ambient: string; standalone: string; queryAmbient: string } | undefined {
    return this.declared.get(name)
  }

  /** `virtual:api/<name>/query`, generated and cached with the API's own module (`early`: see loadModule). */
  async queryModule(name: string, { early = false } = {}): Promise<{ code: string; watchFiles: string[] }> {
    const loaded = early ? await this.loadModule(name) : await this.load(name)
    return { code: (this.memory.get(name) as CacheEntry).query, watchFiles: loaded.watchFiles }
  }

  /**
   * Loads every API and writes the declaration file if its content changed. An API that fails
   * keeps its last good declarations; the errors are returned for the host to report.
   */
  async writeDeclarations(): Promise<{ written: boolean; errors: Array<{ name: string; error: unknown }> }> {
    // Without a declaration file, APIs are generated only when imported; their disk entries still wait for declarations.
    if (!this.options.dts) {
      await this.settle().catch(() => undefined)
      return { written: false, errors: [] }
    }
    const { content, errors } = await this.declarationFile()
    return { written: await writeIfChanged(this.options.dts, content), errors }
  }

  /** The text of the declaration file (what `writeDeclarations` writes and `codomyrmex-api sync` checks). */
  async declarationFile(): Promise<{ content: string; errors: Array<{ name: string; error: unknown }> }> {
    const errors: Array<{ name: string; error: unknown }> = []
    const blocks = new Map<string, string>()
    const queries: string[] = []
    const followImports = this.options.dtsOperations === 'imported'
    if (followImports) await this.scanSources()
    const imports = this.imports()
    for (const name of [...this.options.apis.keys()].sort()) {
      try {
        await this.load(name)
      } catch (error) {
        errors.push({ name, error })
      }
      // After a failure, the last good declarations stay rather than dropping the module from the file.
      const current = this.declarations(name)
      if (!current) continue
      let ambient = current.ambient
      if (followImports && !imports.get(name)?.all) {
        try {
          ambient = await this.selectedDeclarations(name, imports.get(name))
        } catch (error) {
          errors.push({ name, error })
        }
      }
      blocks.set(name, ambient)
      // The query module's declarations name every operation: written once something imports it.
      if (current.queryAmbient && (!followImports || imports.get(name)?.query))
        queries.push(`declare module ${JSON.stringify(`virtual:api/${name}/query`)} {\n${current.queryAmbient}}\n`)
    }
    const mocks: string[] = []
    for (const name of blocks.keys()) {
      // Its `import type` of msw makes tsc load and check msw's declarations: only when something imports it.
      if (followImports && !imports.get(name)?.mocks) continue
      const declarations = (await this.isAsyncApi(name)) ? WS_MOCK_DECLARATIONS : MOCK_DECLARATIONS
      mocks.push(`declare module ${JSON.stringify(`virtual:api/${name}/mocks`)} {\n${declarations}\n}\n`)
    }
    return { content: [renderDeclarationFile(blocks), ...mocks, ...queries].join('\n'), errors }
  }
}

function apiKey(api: ResolvedApi): unknown {
  return {
    name: api.name,
    spec: api.spec,
    baseUrl: api.baseUrl ?? null,
    operations: api.operations ?? null,
    tags: api.tags ?? null,
    perspective: api.perspective ?? null,
    pagination: api.pagination ?? null,
  }
}

function loadedFrom(entry: CacheEntry, generated: boolean): LoadedApi {
  return { code: entry.code, hot: entry.hot, watchFiles: localFiles(entry.files), warnings: entry.warnings, generated }
}

function declarationsOf(entry: CacheEntry): { ambient: string; standalone: string; queryAmbient: string } {
  return { ambient: entry.ambient, standalone: entry.standalone, queryAmbient: entry.queryAmbient }
}

function localFiles(files: string[]): string[] {
  return files.filter((file) => !isRemote(file))
}
