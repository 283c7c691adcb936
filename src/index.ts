import { createUnplugin } from 'unplugin'
import { unpluginFactory } from './core/factory'

export type { ApiOptions, DtsOptions, Options } from './core/options'
export { OptionsError, SpecError, UnknownApiError, type Location, type Problem } from './errors'
export { unpluginFactory }

/** The plugin for every bundler: `networking.vite()`, `networking.esbuild()`, … */
const networking = /* @__PURE__ */ createUnplugin(unpluginFactory)
export default networking
