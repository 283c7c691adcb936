import { dirname, resolve } from 'node:path'
import { ApiContext } from '../core/context'
import { PLUGIN_NAME } from '../core/factory'
import { resolveOptions, type Options, type ResolvedOptions } from '../core/options'
import { writeIfChanged } from '../dts/write'
import type { SyncCommand } from './args'
import { loadConfigFile } from './config-file'
import { display, errorMessage, type CliIo } from './io'
import { findViteConfig, readVitePluginOptions, VITE_CONFIG_FILES } from './vite-config'

/**
 * `codomyrmex-api sync`: the declaration file the plugin writes at build start, written before any
 * build (the convention of `svelte-kit sync` and `astro sync`), so `tsc` can run first on a fresh
 * clone. The options come from the plugin in the Vite config, or from `--config`. Nothing is
 * written when an API fails: the last file stays, and the error is printed with its location.
 */
export async function runSync(command: SyncCommand, io: CliIo): Promise<number> {
  const targets = await syncTargets(command, io.cwd)
  let failed = false
  for (const { options, source } of targets) {
    if (!options.dts) {
      io.out(`nothing to write: dts is false in ${display(io, source)}`)
      continue
    }
    const { content, errors } = await new ApiContext(options).declarationFile()
    for (const { error } of errors) io.err(errorMessage(io, error))
    if (errors.length > 0) {
      failed = true
      continue
    }
    io.out(`${(await writeIfChanged(options.dts, content)) ? 'wrote' : 'unchanged'} ${display(io, options.dts)}`)
  }
  return failed ? 2 : 0
}

async function syncTargets(command: SyncCommand, cwd: string): Promise<Array<{ options: ResolvedOptions; source: string }>> {
  if (command.config !== undefined) {
    const file = resolve(cwd, command.config)
    // The CLI config file: the plugin's options (an `out` for generate/check is allowed and unused here).
    const { out: _out, ...options } = (await loadConfigFile(file)) as Options & { out?: unknown }
    return [{ options: resolveOptions(options, dirname(file)), source: file }]
  }
  const file = findViteConfig(cwd)
  if (file === undefined) {
    throw new Error(`no Vite config here (${VITE_CONFIG_FILES.join(', ')}); for other bundlers pass --config <file> with the plugin's options`)
  }
  const { root, instances } = await readVitePluginOptions(file, cwd, PLUGIN_NAME)
  if (instances.length === 0) throw new Error(`${display({ cwd }, file)} does not use the plugin (@codomyrmex/networking/vite)`)
  return instances.map((options) => ({ options: resolveOptions(options, root), source: file }))
}
