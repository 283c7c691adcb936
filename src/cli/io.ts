import { isAbsolute, relative } from 'node:path'
import { SpecError } from '../errors'
import { NetworkingError } from '../../runtime/errors/networking-error'

export interface CliIo {
  cwd: string
  out(line: string): void
  err(line: string): void
}

/** A path as printed: relative to the working folder (what the user typed from), never a machine path inside it. */
export function display(io: Pick<CliIo, 'cwd'>, file: string): string {
  if (!isAbsolute(file)) return file
  const path = relative(io.cwd, file)
  return path === '' ? '.' : path
}

/**
 * An error as one message: ours say what and where (document paths shown relative, like every
 * other path the CLI prints); anything else by its message, never its stack.
 */
export function errorMessage(io: Pick<CliIo, 'cwd'>, error: unknown): string {
  if (!(error instanceof NetworkingError)) return `codomyrmex-api: ${error instanceof Error ? error.message : String(error)}`
  let message = error.message
  if (error instanceof SpecError) {
    for (const file of new Set(error.problems.map((p) => p.file))) message = message.split(`${file}:`).join(`${display(io, file)}:`)
  }
  return message
}
