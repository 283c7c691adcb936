import { isAbsolute, join, relative } from 'node:path'
import type { UnpluginFactory } from 'unplugin'
import { PREFIX, UnknownApiError } from '../errors'
import { scanImports } from '../dts/imports'
import { SOURCE_FILE } from '../dts/scan-project'
import { debounce } from '../hmr/debounce'
import { PartialSaves } from '../hmr/partial-saves'
import { ServedCode } from '../hmr/served-code'
import { WS_REFRESH_EVENT } from '../asyncapi/hot'
import { attachDevMockSockets, createDevMockMiddleware, devMockBase, type DevMockSockets } from '../mock/dev-server'
import { buildMockModule } from '../mock/module'
import type { MockSpec } from '../mock/spec'
import { buildWsMockModule } from '../mock/ws-module'
import type { WsMockSpec } from '../mock/ws-spec'
import { claimVirtualScheme, observeImports, requireBundle, resolveFromRoot } from './bundler-fixes'
import { ApiContext } from './context'
import type { PluginApi } from './plugin-api'
import { nearestName } from './nearest-name'
import { reportError, reportWarnings } from './host'
import { resolveOptions, type Options, type ResolvedOptions } from './options'
import { asResolvedId, getApiName, isVirtualImporter, MOCKS_SUFFIX, QUERY_SUFFIX, RESOLVE_FILTER, RESOLVED_ID_FILTER, splitModule } from './virtual-id'

export const PLUGIN_NAME = 'codomyrmex:networking'
const ROLLUP_LIKE = new Set(['vite', 'rollup', 'rolldown'])

/** Rollup-like hosts pass their own context to hooks, with `resolve`. */
interface RollupResolve {
  resolve(id: string, importer: string, options: { skipSelf: boolean }): Promise<{ id: string } | null>
}

/** Wiring only: options are checked here, the context does the work, bundler quirks live in bundler-fixes. */
export const unpluginFactory: UnpluginFactory<Options | undefined> = (rawOptions, meta) => {
  // Shapes are checked now; paths once the host has said where the project root is.
  resolveOptions(rawOptions, process.cwd(), { checkFiles: false })
  let hostRoot: string | undefined
  let context: ApiContext | undefined
  let viteServe = false
  let devServer = false
  const served = new ServedCode()
  // A failed regeneration waits this long for the rest of a save written in two steps.
  const partialSaves = new PartialSaves(250)
  let devSockets: DevMockSockets | undefined
  // Saves come in bursts (editors write twice, formatters rewrite): one declaration write per burst.
  // In the dev server it also builds the declarations that hot updates leave for later (loadModule).
  const writeDeclarationsSoon = debounce(() => getContext().writeDeclarations(), 100)
  const getContext = (): ApiContext => (context ??= new ApiContext(withDevMocks(resolveOptions(rawOptions, hostRoot ?? process.cwd()), devServer)))
  /** The app's file behind `id` whose imports the declarations follow (dts.operations 'imported'), else undefined. */
  const followedFile = (id: string): string | undefined => {
    const { options } = getContext()
    const file = sourceFile(id)
    // Files outside the root are not the app's (the runtime, linked packages): `sync` scans the root alone, so does this.
    if (!options.dts || options.dtsOperations !== 'imported' || file === undefined || !isInside(options.root, file)) return undefined
    return /[\\/]node_modules[\\/]/.test(file) ? undefined : file
  }
  const recordImports = (file: string, code: string): void => {
    if (getContext().recordImports(file, scanImports(code)) && viteServe) writeDeclarationsSoon()
  }
  /** esbuild only: reads an importer of `virtual:api/*` that no transform showed us (see observeImports). */
  let observeImporter: ((importer: string | undefined) => Promise<void>) | undefined

  return {
    name: PLUGIN_NAME,
    enforce: 'pre',

    async buildStart() {
      const { errors } = await getContext().writeDeclarations()
      // A broken document fails the build where it is imported (with its location); here it only warns.
      for (const { name } of errors) {
        console.warn(`${PREFIX} API "${name}" could not be generated; importing virtual:api/${name} shows why`)
      }
    },

    // A build may type what it has seen imported; the last word is the final set (imports only grow in a build).
    async buildEnd() {
      if (getContext().options.dtsOperations === 'imported') await getContext().writeDeclarations()
    },

    // Reads, never changes, the app's files: which operations of `virtual:api/*` each one imports
    // (dts.operations 'imported'), so the declaration file types those and follows edits in dev.
    // Not in esbuild, where a transform hook claims every file's load (see observeImports).
    transform:
      meta.framework === 'esbuild'
        ? undefined
        : {
            filter: { id: { include: SOURCE_FILE, exclude: [/[\\/]node_modules[\\/]/, /\0/] } },
            handler(code, id) {
              const file = followedFile(id)
              if (file !== undefined) recordImports(file, code)
              return null
            },
          },

    resolveId: {
      filter: { id: RESOLVE_FILTER },
      async handler(id, importer) {
        const name = getApiName(id)
        if (name === undefined) {
          // A virtual module has no folder: resolve its runtime import as if made from the root.
          if (!isVirtualImporter(importer) || !ROLLUP_LIKE.has(meta.framework)) return null
          const host = this as unknown as RollupResolve
          return host.resolve(id, join(getContext().options.root, 'index.js'), { skipSelf: true })
        }
        const context = getContext()
        const { api } = splitModule(name)
        if (!context.has(api)) throw unknownApi(api, importer, [...context.options.apis.keys()], context.options.root)
        await observeImporter?.(importer)
        return asResolvedId(name)
      },
    },

    load: {
      filter: { id: RESOLVED_ID_FILTER },
      async handler(id) {
        const { api: name, module } = splitModule(getApiName(id) as string)
        const context = getContext()
        try {
          // The dev server serves modules before their declarations are built (see hotUpdate).
          const early = viteServe
          if (module === 'query') {
            const { code, watchFiles } = await context.queryModule(name, { early })
            for (const file of watchFiles) this.addWatchFile(file)
            if (viteServe) served.record(id, code)
            return { code, map: null }
          }
          if (module === 'mocks') {
            const { spec, watchFiles } = await context.mockSpec(name, { early })
            for (const file of watchFiles) this.addWatchFile(file)
            const code = mockModule(spec)
            if (viteServe) served.record(id, code)
            return { code, map: null }
          }
          const api = early ? await context.loadModule(name) : await context.load(name)
          for (const file of api.watchFiles) this.addWatchFile(file)
          reportWarnings(this, name, api.warnings)
          if (api.generated) await context.writeDeclarations()
          const code = viteServe ? api.hot : api.code
          if (viteServe) served.record(id, code)
          // The page is fetching an update: build the declarations once it has run it, not while.
          writeDeclarationsSoon.postpone()
          return { code, map: null }
        } catch (error) {
          served.forget(id)
          for (const file of context.watchFilesAfterError(name, error)) this.addWatchFile(file)
          return reportError(this, meta.framework, error)
        }
      },
    },

    vite: {
      // Vite's channel for reading a plugin from outside: `codomyrmex-api sync` finds the options here.
      api: { options: rawOptions } satisfies PluginApi,
      configResolved(config) {
        viteServe = config.command === 'serve'
        // vitest runs a Vite server too: tests keep the document's servers (for msw), not the dev mock.
        devServer = viteServe && config.mode !== 'test'
        hostRoot = config.root
      },
      // The document is no module of the graph: map its change to the virtual modules built from it,
      // so Vite invalidates them and sends the update (the module accepts it, see hmr/hot-module).
      async configureServer(server) {
        if (!devServer) return
        const mocked = [...getContext().options.apis.values()].filter((api) => api.mock).map((api) => api.name)
        if (mocked.length === 0) return
        const context = getContext()
        const asyncApis = new Set<string>()
        for (const name of mocked) if (await context.isAsyncApi(name)) asyncApis.add(name)
        const httpApis = mocked.filter((name) => !asyncApis.has(name))
        server.middlewares.use(createDevMockMiddleware(httpApis.map((name) => ({ name, spec: async () => (await context.mockSpec(name)).spec as MockSpec }))))
        if (!server.httpServer) return
        devSockets = attachDevMockSockets(
          server.httpServer as import('node:http').Server,
          mocked.map((name) => (asyncApis.has(name) ? { name, spec: async () => (await context.mockSpec(name)).spec as WsMockSpec } : { name })),
        )
        // Sent by an AsyncAPI client's hot variant once the page runs the new document (src/asyncapi/hot.ts):
        // its sockets then reconnect to a mock that plays the new document, never before the page can route it.
        server.ws.on(WS_REFRESH_EVENT, (data: { api?: unknown }) => {
          if (typeof data?.api === 'string' && asyncApis.has(data.api)) devSockets?.refresh(data.api)
        })
      },
      // The document is no module of the graph: map its change to the virtual modules built from it,
      // regenerated here and compared with what was served, so only a real change sends an update
      // (the module accepts it, see hmr/hot-module); an unchanged one sends nothing.
      async hotUpdate({ file, modules, server }) {
        const names = context?.apisUsing(file) ?? []
        if (names.length === 0 || !context) return undefined
        const ctx = context
        const graph = this.environment.moduleGraph
        const affected = []
        const failed = []
        // Modules only: the update is sent first, the declarations are built by the debounced write after it.
        for (const name of names) {
          const current: Array<[string, () => Promise<string>]> = [
            [asResolvedId(name), async () => (await ctx.loadModule(name)).hot],
            [asResolvedId(`${name}${MOCKS_SUFFIX}`), async () => mockModule((await ctx.mockSpec(name, { early: true })).spec)],
            [asResolvedId(`${name}${QUERY_SUFFIX}`), async () => (await ctx.queryModule(name, { early: true })).code],
          ]
          for (const [id, generate] of current) {
            const mod = graph.getModuleById(id)
            if (!mod) continue
            const code = await generate().catch(() => undefined)
            if (code === undefined) failed.push(mod)
            else if (served.changed(id, code)) affected.push(mod)
          }
        }
        // A broken document goes on to `load`, which reports it in the overlay, once it is not half
        // of a save in two steps: until then the page keeps the last good module.
        if (failed.length > 0 && (await partialSaves.failed(file, () => server.watcher.emit('change', file)))) affected.push(...failed)
        // A change the client module does not show (an example) reaches the page through its sockets.
        if (this.environment.name === 'client')
          for (const name of names) if (!affected.some((mod) => mod.id === asResolvedId(name))) await devSockets?.refreshIfChanged(name)
        writeDeclarationsSoon()
        // The document's own node only carries the change to our modules: drop it unless a module of the app imports it.
        const others = modules.filter((mod) => mod.file !== file || [...mod.importers].some((importer) => !isVirtualImporter(importer.id ?? undefined)))
        return [...others, ...affected]
      },
    },

    webpack(compiler) {
      hostRoot = compiler.options.context
      claimVirtualScheme(compiler, PLUGIN_NAME)
    },

    rspack(compiler) {
      hostRoot = compiler.options.context
    },

    esbuild: {
      setup(build) {
        hostRoot = build.initialOptions.absWorkingDir
        requireBundle(
          build,
          `${PREFIX} esbuild must bundle to build virtual:api/* imports: set \`bundle: true\` in the build options (without it the imports stay in the output and fail at run time)`,
        )
        resolveFromRoot(build, PLUGIN_NAME, () => getContext().options.root)
        observeImporter = observeImports(build, SOURCE_FILE, followedFile, recordImports)
      },
    },
  }
}

/**
 * The file behind a transformed id, or undefined for a part of one (`App.vue?vue&type=style`):
 * a part does not hold all of the file's imports, so it must not replace what the file imports.
 */
function sourceFile(id: string): string | undefined {
  const [file, query] = id.split('?', 2) as [string, string | undefined]
  if (query === undefined || /^(?:t=\d+|v=\w+)$/.test(query)) return file
  return undefined
}

function isInside(root: string, file: string): boolean {
  const path = relative(root, file)
  return path !== '' && !path.startsWith('..') && !isAbsolute(path)
}

function unknownApi(api: string, importer: string | undefined, registered: string[], root: string): UnknownApiError {
  // Importers inside the project are shown relative to its root, as the user wrote them.
  const file = importer === undefined ? undefined : isAbsolute(importer) && !relative(root, importer).startsWith('..') ? relative(root, importer) : importer
  return new UnknownApiError(api, file, registered, nearestName(api, registered))
}

/** `virtual:api/<name>/mocks`: msw `http` handlers for an OpenAPI document, `ws` handlers for an AsyncAPI one. */
function mockModule(spec: MockSpec | WsMockSpec): string {
  return 'kind' in spec ? buildWsMockModule(spec) : buildMockModule(spec)
}

/** In the Vite dev server, a mocked API's client defaults to the dev mock's base path. */
function withDevMocks(options: ResolvedOptions, serving: boolean): ResolvedOptions {
  if (!serving) return options
  for (const api of options.apis.values()) if (api.mock && api.baseUrl === undefined) api.baseUrl = devMockBase(api.name)
  return options
}
