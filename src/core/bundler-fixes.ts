import { readFile } from 'node:fs/promises'
import type { Compiler } from 'webpack'
import type { PluginBuild } from 'esbuild'
import { VIRTUAL_ID_FILTER } from './virtual-id'

/**
 * webpack 5 treats `virtual:` as a URI scheme and fails with UnhandledSchemeError before
 * enhanced-resolve (where unplugin runs `resolveId`) sees the id (unjs/unplugin#19). Claim our
 * ids in `resolveForScheme` and send them through the normal resolver, so `resolveId` and `load`
 * see the same ids as in every other bundler. Other `virtual:` ids (webpack's VirtualUrlPlugin)
 * are left alone.
 */
export function claimVirtualScheme(compiler: Compiler, pluginName: string): void {
  compiler.hooks.normalModuleFactory.tap(pluginName, (factory) => {
    factory.hooks.resolveForScheme.for('virtual').tapAsync(pluginName, (resource, data, callback) => {
      if (!VIRTUAL_ID_FILTER.test(resource.resource)) return callback()
      const resolver = factory.getResolver('normal', data.resolveOptions)
      // The issuer goes along so `resolveId` knows the importing file (for its messages).
      resolver.resolve({ issuer: data.contextInfo.issuer }, data.context, resource.resource, {}, (error, result) => {
        if (error) return callback(error)
        if (typeof result !== 'string') return callback(new Error(`cannot resolve ${resource.resource}`))
        resource.resource = result
        resource.path = result
        resource.query = ''
        resource.fragment = ''
        callback(null, true)
      })
    })
  })
}

/**
 * unplugin gives esbuild `dirname(resolvedId)` as the virtual module's resolveDir, which for
 * `\0virtual:api/x` is no folder, so the module's own `import … from '@codomyrmex/networking/runtime'`
 * fails. Imports made from our namespace are resolved again from the project root.
 */
export function resolveFromRoot(build: PluginBuild, namespace: string, root: () => string): void {
  build.onResolve({ filter: /.*/, namespace }, async (args) => {
    if (args.pluginData === namespace) return undefined
    const result = await build.resolve(args.path, { kind: args.kind, resolveDir: root(), pluginData: namespace })
    if (result.errors.length > 0) return { errors: result.errors }
    return { path: result.path, external: result.external, namespace: result.namespace, sideEffects: result.sideEffects }
  })
}

/**
 * Without `bundle: true` esbuild only transforms files: it never asks plugins to resolve imports,
 * so `import … from 'virtual:api/x'` stays in the output and Node fails at run time
 * (ERR_UNSUPPORTED_ESM_URL_SCHEME). Fail the build instead, saying what to change.
 */
export function requireBundle(build: PluginBuild, message: string): void {
  if (build.initialOptions.bundle === true) return
  build.onStart(() => ({ errors: [{ text: message }] }))
}

/**
 * esbuild runs only the first `onLoad` that returns contents, and unplugin's esbuild transform
 * hook returns the file's text even when the transform changes nothing: a plugin after ours with
 * its own `onLoad` (a banner, a macro, a framework's loader) would never load the app's files. So
 * esbuild gets no transform hook; the imports are observed without claiming any load:
 * - an `onLoad` that reads the file and returns nothing (esbuild goes on to the next plugin);
 * - for files a plugin before ours loaded, the importer of each `virtual:api/*` id, read from
 *   disk when the returned callback is called from `resolveId` (esbuild drops type-only imports
 *   before resolving, so this sees only value imports: the `onLoad` sees the rest).
 * `follow` maps a path to the file whose imports count, or undefined to skip it unread.
 */
export function observeImports(
  build: PluginBuild,
  filter: RegExp,
  follow: (path: string) => string | undefined,
  record: (file: string, code: string) => void,
): (importer: string | undefined) => Promise<void> {
  // Files read in the current build: each is read once, whichever way it was seen first.
  const seen = new Set<string>()
  build.onStart(() => seen.clear())
  const read = async (path: string): Promise<void> => {
    const file = follow(path)
    if (file === undefined || seen.has(file)) return
    seen.add(file)
    const code = await readFile(file, 'utf8').catch(() => undefined)
    if (code !== undefined) record(file, code)
  }
  build.onLoad({ filter, namespace: 'file' }, async (args) => {
    await read(args.path)
    return undefined
  })
  return async (importer) => {
    if (importer !== undefined) await read(importer)
  }
}
