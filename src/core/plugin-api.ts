import type { Options } from './options'

/**
 * What the Vite plugin instance exposes as `plugin.api` (Vite's convention for reading a plugin
 * from outside): `codomyrmex-api sync` loads the project's Vite config and takes the options the
 * app passed, so it writes the declarations the plugin would, before any build.
 */
export interface PluginApi {
  readonly options: Options | undefined
}
