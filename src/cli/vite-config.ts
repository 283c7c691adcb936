import { existsSync, readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { dirname, join, resolve } from 'node:path'
import { pathToFileURL } from 'node:url'
import type { Options } from '../core/options'
import type { PluginApi } from '../core/plugin-api'

/** The file names Vite looks for, in its order. */
export const VITE_CONFIG_FILES = ['vite.config.js', 'vite.config.mjs', 'vite.config.ts', 'vite.config.cjs', 'vite.config.mts', 'vite.config.cts']

export interface VitePluginOptions {
  /** The Vite config file that was read. */
  file: string
  /** Vite's root: the plugin resolves its paths from it. */
  root: string
  /** The options of each instance of our plugin in that config. */
  instances: Array<Options | undefined>
}

type ViteModule = typeof import('vite')

/** The Vite config in `cwd`, if there is one. */
export function findViteConfig(cwd: string): string | undefined {
  return VITE_CONFIG_FILES.map((name) => join(cwd, name)).find((file) => existsSync(file))
}

/**
 * Loads the config the way `vite build` does (Vite's own `loadConfigFromFile`, with the project's
 * Vite: it is an optional peer, never ours) and collects our plugin's options from its plugins.
 */
export async function readVitePluginOptions(file: string, cwd: string, pluginName: string): Promise<VitePluginOptions> {
  const vite = await importProjectVite(cwd, file)
  let loaded: Awaited<ReturnType<ViteModule['loadConfigFromFile']>>
  try {
    loaded = await vite.loadConfigFromFile({ command: 'build', mode: 'production', isSsrBuild: false, isPreview: false }, file, cwd, 'silent')
  } catch (error) {
    throw new Error(`${file}: Vite could not load it: ${(error as Error).message}`)
  }
  if (!loaded) throw new Error(`${file}: Vite could not load it`)
  const instances: Array<Options | undefined> = []
  for (const plugin of await flattenPlugins(loaded.config.plugins)) {
    if (plugin.name === pluginName && isPluginApi(plugin.api)) instances.push(plugin.api.options)
  }
  return { file, root: resolve(cwd, loaded.config.root ?? ''), instances }
}

/** Vite resolved from the project (where its config imports it from), not from this package. */
async function importProjectVite(cwd: string, configFile: string): Promise<ViteModule> {
  let manifest: string
  try {
    manifest = createRequire(join(cwd, 'package.json')).resolve('vite/package.json')
  } catch {
    throw new Error(`${configFile} needs vite, which is not installed here: install it, or pass --config with a CLI config file`)
  }
  const pkg = JSON.parse(readFileSync(manifest, 'utf8')) as { exports?: unknown }
  return (await import(pathToFileURL(join(dirname(manifest), esmEntry(pkg.exports))).href)) as ViteModule
}

/** The ESM entry of an exports map's `.` (Vite 6/7 have `import`/`require` conditions, Vite 8 a plain path). */
function esmEntry(exports: unknown): string {
  let entry = typeof exports === 'object' && exports !== null ? (exports as Record<string, unknown>)['.'] : undefined
  while (typeof entry === 'object' && entry !== null) {
    const conditions = entry as Record<string, unknown>
    entry = conditions.import ?? conditions.default
  }
  return typeof entry === 'string' ? entry : 'dist/node/index.js'
}

interface NamedPlugin {
  name?: unknown
  api?: unknown
}

/** `plugins` may nest arrays and promises and hold `false`/`null` (Vite's `PluginOption`). */
async function flattenPlugins(option: unknown): Promise<NamedPlugin[]> {
  const value: unknown = await option
  if (Array.isArray(value)) return (await Promise.all(value.map(flattenPlugins))).flat()
  return typeof value === 'object' && value !== null ? [value as NamedPlugin] : []
}

function isPluginApi(value: unknown): value is PluginApi {
  return typeof value === 'object' && value !== null && 'options' in value
}
