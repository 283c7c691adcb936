import type { UnpluginFactory } from 'unplugin'
import { hmrFooter } from '../codegen/module'
import { OptionsError, PREFIX } from '../errors'
import { claimVirtualScheme, resolveFromRoot } from './bundler-fixes'
import { ApiContext } from './context'
import { reportError, reportWarnings } from './host'
import { resolveOptions, type Options } from './options'
import { asResolvedId, getApiName, RESOLVED_ID_FILTER, VIRTUAL_ID_FILTER } from './virtual-id'

export const PLUGIN_NAME = 'codomyrmex:networking'

/** Wiring only: options are checked here, the context does the work, bundler quirks live in bundler-fixes. */
export const unpluginFactory: UnpluginFactory<Options | undefined> = (rawOptions, meta) => {
  let context = new ApiContext(resolveOptions(rawOptions))
  let viteServe = false

  return {
    name: PLUGIN_NAME,
    enforce: 'pre',

    async buildStart() {
      const { errors } = await context.writeDeclarations()
      // A broken document fails the build where it is imported (with its location); here it only warns.
      for (const { name } of errors) {
        console.warn(`${PREFIX} API "${name}" could not be generated; importing virtual:api/${name} shows why`)
      }
    },

    resolveId: {
      filter: { id: VIRTUAL_ID_FILTER },
      handler(id) {
        const name = getApiName(id)
        if (name === undefined) return null
        if (!context.has(name)) {
          const known = [...context.options.apis.keys()].join(', ') || 'none'
          throw new OptionsError('apis', `${id} has no API named "${name}" (registered: ${known})`)
        }
        return asResolvedId(name)
      },
    },

    load: {
      filter: { id: RESOLVED_ID_FILTER },
      async handler(id) {
        const name = getApiName(id) as string
        try {
          const api = await context.load(name)
          for (const file of api.watchFiles) this.addWatchFile(file)
          reportWarnings(this, name, api.warnings)
          if (api.generated) await context.writeDeclarations()
          return { code: viteServe ? api.code + hmrFooter() : api.code, map: null }
        } catch (error) {
          return reportError(this, meta.framework, error)
        }
      },
    },

    vite: {
      configResolved(config) {
        viteServe = config.command === 'serve'
        const raw = (rawOptions ?? {}) as Options
        if (raw.root === undefined && config.root !== context.options.root) {
          context = new ApiContext(resolveOptions(raw, config.root))
        }
      },
    },

    webpack(compiler) {
      claimVirtualScheme(compiler, PLUGIN_NAME)
    },

    esbuild: {
      setup(build) {
        resolveFromRoot(build, PLUGIN_NAME, () => context.options.root)
      },
    },
  }
}
