import { NetworkingError } from '../runtime/errors/networking-error'

/** Messages the plugin shows to people carry this prefix, so they stand out in bundler output. */
export const PREFIX = '[codomyrmex:networking]'

/** Where a problem sits: the file, the JSON pointer inside it, and the 1-based line and column. */
export interface Location {
  file: string
  pointer: string
  line?: number
  column?: number
}

export interface Problem extends Location {
  message: string
  severity: 'error' | 'warning'
}

/** One line per problem: `file:line:column pointer: message`. */
export function formatProblem(problem: Problem): string {
  const position = problem.line === undefined ? problem.file : `${problem.file}:${problem.line}:${problem.column ?? 1}`
  const pointer = problem.pointer === '' ? '' : ` at ${problem.pointer}`
  return `${position}${pointer}: ${problem.message}`
}

/** Invalid plugin options: the message names the option and what was expected. */
export class OptionsError extends NetworkingError {
  override name = 'OptionsError'
  constructor(
    readonly option: string,
    expected: string,
  ) {
    super(`${PREFIX} invalid option \`${option}\`: ${expected}`, { code: 'ERR_OPTIONS' })
  }
}

/**
 * An import of `virtual:api/<name>` where no API of that name is registered: names the importing
 * file and the likely intended name. Carries no stack: where the plugin noticed the typo tells the
 * user nothing, and bundlers that print a stack (or take a location from it) print only this.
 */
export class UnknownApiError extends NetworkingError {
  override name = 'UnknownApiError'
  constructor(
    readonly api: string,
    readonly importer: string | undefined,
    readonly registered: readonly string[],
    readonly suggestion?: string,
  ) {
    const from = importer === undefined ? '' : ` imported by ${importer}`
    const hint = suggestion === undefined ? '' : `did you mean "virtual:api/${suggestion}"? `
    const known = registered.length > 0 ? registered.join(', ') : 'none'
    super(`${PREFIX} unknown API "${api}": virtual:api/${api}${from}: ${hint}(registered in the \`apis\` option: ${known})`, { code: 'ERR_UNKNOWN_API' })
    this.stack = `${this.name}: ${this.message}`
  }
}

/**
 * A document that cannot become a client. `problems` holds every located error; the message
 * lists them, the first one first, so a bundler that only prints the message still shows where.
 */
export class SpecError extends NetworkingError {
  override name = 'SpecError'
  readonly problems: Problem[]
  /**
   * Every file read before the failure (the document and what its `$ref`s reached): a watching
   * bundler keeps watching them, so fixing any of them rebuilds.
   */
  readFiles: readonly string[] = []
  constructor(api: string, problems: Problem[], options: { cause?: unknown; kind?: 'OpenAPI' | 'AsyncAPI' } = {}) {
    const lines = problems.map((p) => `  ${formatProblem(p)}`)
    super(`${PREFIX} API "${api}": the ${options.kind ?? 'OpenAPI'} document cannot be used\n${lines.join('\n')}`, {
      code: 'ERR_SPEC_INVALID',
      cause: options.cause,
    })
    this.problems = problems
  }

  /** The first problem, for hosts that show one location (the Vite overlay, `this.error({ loc })`). */
  get location(): Problem | undefined {
    return this.problems[0]
  }
}
