import { readFileSync } from 'node:fs'
import { readFile } from 'node:fs/promises'
import { dirname, join, resolve } from 'node:path'
import { resolveOptions, type Options, type ResolvedOptions } from '../core/options'
import { buildApi } from '../core/pipeline'
import { writeIfChanged } from '../dts/write'
import { formatProblem } from '../errors'
import { generateAsyncApiFiles, isAsyncApiFile } from '../asyncapi/plugin'
import { parseCli, USAGE, type BuildCommand, type CliCommand } from './args'
import { loadConfigFile } from './config-file'
import { display, errorMessage, type CliIo } from './io'
import { runSync } from './sync'

export type { CliIo } from './io'

/** Runs the CLI; resolves to the exit code (0 ok, 1 stale files on `check`, 2 error). */
export async function runCli(argv: string[], io: CliIo): Promise<number> {
  let command: CliCommand
  try {
    command = parseCli(argv)
  } catch (error) {
    io.err(`codomyrmex-api: ${(error as Error).message}\n\n${USAGE}`)
    return 2
  }
  if (command.command === 'help') {
    io.out(USAGE)
    return 0
  }
  if (command.command === 'version') {
    io.out(packageVersion())
    return 0
  }
  try {
    return command.command === 'sync' ? await runSync(command, io) : await runBuild(command, io)
  } catch (error) {
    io.err(errorMessage(io, error))
    return 2
  }
}

/** `generate` and `check`: the plugin's pipeline (core/pipeline), written as `<out>/<name>.js` and `.d.ts`. */
async function runBuild(command: BuildCommand, io: CliIo): Promise<number> {
  const { options, out } = await targets(command, io.cwd)
  let stale = 0
  for (const api of options.apis.values()) {
    const { warnings, output } = (await isAsyncApiFile(api.spec)) ? await generateAsyncApiFiles(api, options) : await buildApi(api, options)
    // The plugin's own format, pointer included, with the path as the user would type it.
    for (const warning of warnings) io.err(`warning: ${formatProblem({ ...warning, file: display(io, warning.file) })}`)
    const files: Array<[string, string]> = [
      [join(out, `${api.name}.js`), output.code],
      [join(out, `${api.name}.d.ts`), output.standalone],
    ]
    for (const [file, content] of files) {
      const shown = display(io, file)
      if (command.command === 'check') {
        const current = await readFile(file, 'utf8').catch(() => undefined)
        if (current === content) {
          io.out(`current ${shown}`)
        } else {
          stale++
          io.err(`${current === undefined ? 'missing' : 'stale'} ${shown} (run codomyrmex-api generate)`)
        }
      } else {
        io.out(`${(await writeIfChanged(file, content)) ? 'wrote' : 'unchanged'} ${shown}`)
      }
    }
  }
  return stale > 0 ? 1 : 0
}

async function targets(command: BuildCommand, cwd: string): Promise<{ options: ResolvedOptions; out: string }> {
  if (command.config === undefined) {
    const api: Record<string, unknown> = { spec: command.spec as string, ...(command.baseUrl ? { baseUrl: command.baseUrl } : {}) }
    const options = resolveOptions(
      { apis: { [command.name as string]: api }, allowRemote: command.allowRemote, allowRefsFrom: command.allowRefsFrom, dts: false, cacheDir: false },
      cwd,
    )
    return { options, out: resolve(cwd, command.out as string) }
  }
  const file = resolve(cwd, command.config)
  const { out, ...rest } = (await loadConfigFile(file)) as Options & { out?: unknown }
  const folder = command.out ?? (typeof out === 'string' ? out : undefined)
  if (folder === undefined) throw new Error(`${display({ cwd }, file)}: no "out" folder (or pass --out)`)
  // The CLI writes modules, not the plugin's declaration file, and always regenerates.
  const options = resolveOptions({ ...rest, dts: false, cacheDir: false }, dirname(file))
  return { options, out: resolve(dirname(file), folder) }
}

function packageVersion(): string {
  // src/cli/run.ts and dist/plugin/cli.mjs both sit two folders below the package root.
  const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string }
  return pkg.version
}
