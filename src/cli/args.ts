import { parseArgs } from 'node:util'

export interface CliCommand {
  command: 'generate' | 'check'
  /** One API from flags, or every API of a config file. */
  spec?: string
  name?: string
  out?: string
  baseUrl?: string
  config?: string
  allowRemote: string[]
}

export const USAGE = `Usage:
  codomyrmex-api generate --spec <file> --name <name> --out <dir> [--base-url <url>] [--allow-remote <origin>]...
  codomyrmex-api check    --spec <file> --name <name> --out <dir>
  codomyrmex-api generate --config <file.json|file.mjs>     (config: { apis, out, allowRemote })
  codomyrmex-api check    --config <file.json|file.mjs>

generate writes <out>/<name>.js (the client module) and <out>/<name>.d.ts, only when they changed.
check exits 1 when those files are missing or stale, 0 when current; errors exit 2.`

/** Parses argv (without node and script); throws a message meant for the user on misuse. */
export function parseCli(argv: string[]): CliCommand {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      spec: { type: 'string' },
      name: { type: 'string' },
      out: { type: 'string' },
      'base-url': { type: 'string' },
      config: { type: 'string' },
      'allow-remote': { type: 'string', multiple: true },
    },
  })
  const [command, ...rest] = positionals
  if (command !== 'generate' && command !== 'check') throw new Error(`unknown command ${command === undefined ? '(none)' : `"${command}"`}`)
  if (rest.length > 0) throw new Error(`unexpected argument "${rest[0]}"`)
  const parsed: CliCommand = { command, allowRemote: values['allow-remote'] ?? [] }
  if (values.config !== undefined) {
    if (values.spec !== undefined || values.name !== undefined) throw new Error('--config cannot be combined with --spec or --name')
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
