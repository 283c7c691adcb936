import { parseArgs } from 'node:util'

/** `generate`/`check`: one API from flags, or every API of a config file. */
export interface BuildCommand {
  command: 'generate' | 'check'
  spec?: string
  name?: string
  out?: string
  baseUrl?: string
  config?: string
  allowRemote: string[]
  allowRefsFrom: string[]
}

/** `sync`: the declaration file, from the Vite config's plugin options or from a config file. */
export interface SyncCommand {
  command: 'sync'
  config?: string
}

export type CliCommand = BuildCommand | SyncCommand | { command: 'help' } | { command: 'version' }

export const USAGE = `Usage:
  codomyrmex-api sync     [--config <file>]
  codomyrmex-api generate --spec <file> --name <name> --out <dir> [--base-url <url>]
                          [--allow-remote <origin>]... [--allow-refs-from <dir>]...
  codomyrmex-api check    --spec <file> --name <name> --out <dir> [same options]
  codomyrmex-api generate --config <file.json|file.mjs> [--out <dir>]
  codomyrmex-api check    --config <file.json|file.mjs> [--out <dir>]
  codomyrmex-api --help | --version

sync      writes the plugin's declaration file (dts, default api-clients.d.ts) before any build:
          from the plugin options in the project's vite.config.*, or with --config from a config
          file { apis, dts, allowRemote, allowRefsFrom, ... }. Run it before tsc ("prepare").
generate  writes <out>/<name>.js (the client module) and <out>/<name>.d.ts, only when changed.
check     writes nothing; exits 1 when those files are missing or stale.
Exit codes: 0 ok, 1 stale (check), 2 error.`

const OPTIONS = {
  spec: { type: 'string' },
  name: { type: 'string' },
  out: { type: 'string' },
  'base-url': { type: 'string' },
  config: { type: 'string' },
  'allow-remote': { type: 'string', multiple: true },
  'allow-refs-from': { type: 'string', multiple: true },
  help: { type: 'boolean', short: 'h' },
  version: { type: 'boolean' },
} as const

/** Parses argv (without node and script); throws a message meant for the user on misuse. */
export function parseCli(argv: string[]): CliCommand {
  const { values, positionals } = parse(argv)
  if (values.help) return { command: 'help' }
  if (values.version) return { command: 'version' }
  const [command, ...rest] = positionals
  if (command !== 'generate' && command !== 'check' && command !== 'sync') {
    throw new Error(`unknown command ${command === undefined ? '(none)' : `"${command}"`}`)
  }
  if (rest.length > 0) throw new Error(`unexpected argument "${rest[0]}"`)
  if (command === 'sync') {
    const extra = Object.keys(values).find((key) => key !== 'config')
    if (extra !== undefined) throw new Error(`sync takes only --config (got --${extra})`)
    return values.config === undefined ? { command } : { command, config: values.config }
  }
  const parsed: BuildCommand = { command, allowRemote: values['allow-remote'] ?? [], allowRefsFrom: values['allow-refs-from'] ?? [] }
  if (values.config !== undefined) {
    if (values.spec !== undefined || values.name !== undefined) throw new Error('--config cannot be combined with --spec or --name')
    if (parsed.allowRemote.length > 0 || parsed.allowRefsFrom.length > 0) {
      throw new Error('with --config, set allowRemote and allowRefsFrom in the config file')
    }
    parsed.config = values.config
    if (values.out !== undefined) parsed.out = values.out
    return parsed
  }
  for (const flag of ['spec', 'name', 'out'] as const) {
    if (values[flag] === undefined) throw new Error(`missing --${flag}`)
  }
  parsed.spec = values.spec
  parsed.name = values.name
  parsed.out = values.out
  if (values['base-url'] !== undefined) parsed.baseUrl = values['base-url']
  return parsed
}

/** node:util's parser, with its messages for unknown or incomplete options made short. */
function parse(argv: string[]): ReturnType<typeof parseArgs<{ args: string[]; allowPositionals: true; options: typeof OPTIONS }>> {
  try {
    return parseArgs({ args: argv, allowPositionals: true, options: OPTIONS })
  } catch (error) {
    const { code, message } = error as { code?: string; message: string }
    const option = /'(-[^' ]+)/.exec(message)?.[1]
    // node:util's error codes (not ours: ours are listed in docs/API_SPECIFICATION.md).
    if (code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION') throw new Error(`unknown option ${option ?? message}`)
    if (code === 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE') throw new Error(`option ${option ?? ''} needs a value`.replace('  ', ' '))
    throw new Error(message)
  }
}
