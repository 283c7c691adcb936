import { readFile } from 'node:fs/promises'
import { dirname, extname, join, resolve } from 'node:path'
import { pathToFileURL } from 'node:url'
import { generateApi } from '../codegen/generate'
import { resolveOptions, type Options, type ResolvedApi } from '../core/options'
import { writeIfChanged } from '../dts/write'
import { NetworkingError } from '../../runtime/errors/networking-error'
import { prepareSpec } from '../spec/prepare'
import { generateAsyncApiFiles, isAsyncApiFile } from '../asyncapi/plugin'
import { parseCli, USAGE, type CliCommand } from './args'

export interface CliIo {
  cwd: string
  out(line: string): void
  err(line: string): void
}

/** Runs the CLI; resolves to the exit code (0 ok, 1 stale files on `check`, 2 error). */
export async function runCli(argv: string[], io: CliIo): Promise<number> {
  let command: CliCommand
  try {
    command = parseCli(argv)
  } catch (error) {
    io.err(`codomyrmex-api: ${(error as Error).message}\n\n${USAGE}`)
    return 2
  }
  try {
    const { apis, out, allowRemote, allowRefsFrom } = await targets(command, io.cwd)
    let stale = 0
    for (const api of apis) {
      const asyncApi = (await isAsyncApiFile(api.spec)) ? await generateAsyncApiFiles(api, { allowRemote, allowRefsFrom }) : undefined
      const prepared = asyncApi ?? (await prepareSpec(api.name, api.spec, allowRemote, allowRefsFrom))
      for (const warning of prepared.warnings) io.err(`warning: ${warning.file}:${warning.line ?? 1}:${warning.column ?? 1} ${warning.message}`)
      const output = asyncApi?.output ?? (await generateApi({ name: api.name, document: (prepared as Awaited<ReturnType<typeof prepareSpec>>).document, ...(api.baseUrl === undefined ? {} : { baseUrl: api.baseUrl }) }))
      const files: Array<[string, string]> = [
        [join(out, `${api.name}.js`), output.code],
        [join(out, `${api.name}.d.ts`), output.standalone],
      ]
      for (const [file, content] of files) {
        if (command.command === 'check') {
          const current = await readFile(file, 'utf8').catch(() => undefined)
          if (current !== content) {
            stale++
            io.err(`stale: ${file} (run codomyrmex-api generate)`)
          }
        } else if (await writeIfChanged(file, content)) {
          io.out(`wrote ${file}`)
        } else {
          io.out(`unchanged ${file}`)
        }
      }
    }
    return stale > 0 ? 1 : 0
  } catch (error) {
    // Our errors already say what and where; anything else is reported by message, never by stack.
    io.err(error instanceof NetworkingError ? error.message : `codomyrmex-api: ${(error as Error).message ?? String(error)}`)
    return 2
  }
}

async function targets(command: CliCommand, cwd: string): Promise<{ apis: ResolvedApi[]; out: string; allowRemote: string[]; allowRefsFrom: string[] }> {
  if (command.config === undefined) {
    const options = resolveOptions(
      { apis: { [command.name as string]: { spec: command.spec as string, ...(command.baseUrl ? { baseUrl: command.baseUrl } : {}) } }, allowRemote: command.allowRemote, dts: false, cacheDir: false },
      cwd,
    )
    return { apis: [...options.apis.values()], out: resolve(cwd, command.out as string), allowRemote: options.allowRemote, allowRefsFrom: options.allowRefsFrom }
  }
  const file = resolve(cwd, command.config)
  const config = (await loadConfig(file)) as Options & { out?: unknown }
  const { out, ...rest } = config
  const folder = command.out ?? (typeof out === 'string' ? out : undefined)
  if (folder === undefined) throw new Error(`${file}: no "out" folder (or pass --out)`)
  const options = resolveOptions({ ...rest, dts: false, cacheDir: false }, dirname(file))
  return { apis: [...options.apis.values()], out: resolve(dirname(file), folder), allowRemote: options.allowRemote, allowRefsFrom: options.allowRefsFrom }
}

async function loadConfig(file: string): Promise<unknown> {
  if (extname(file) === '.json') return JSON.parse(await readFile(file, 'utf8'))
  const module = (await import(pathToFileURL(file).href)) as { default?: unknown }
  return module.default
}
