import type { UnpluginBuildContext, UnpluginContext } from 'unplugin'
import { formatProblem, PREFIX, SpecError, type Problem } from '../errors'

type HookContext = UnpluginBuildContext & UnpluginContext

const MAX_WARNINGS = 20

/**
 * Reports a failed API to the bundler. Rollup-like hosts (Vite, Rollup, Rolldown) get
 * `this.error` with `loc`, which the Vite overlay shows as file:line:column; the others get the
 * error thrown as is, its message already listing every located problem. Never a dependency's
 * stack: the original error stays on `cause`.
 */
export function reportError(context: HookContext, framework: string, error: unknown): never {
  if (error instanceof SpecError && ['vite', 'rollup', 'rolldown'].includes(framework)) {
    const first = error.location
    // The host already prefixes `[plugin:codomyrmex:networking]`: ours would print twice.
    const payload: { message: string; id?: string; loc?: { file: string; line: number; column: number }; cause: unknown } = {
      message: withoutPrefix(error.message),
      cause: error,
    }
    if (first?.line !== undefined) {
      payload.id = first.file
      // 1-based like the message: Vite shows `loc` as is in the overlay and its terminal, and opens
      // the editor at it (launch-editor counts columns from 1), so 0-based would be one off everywhere.
      payload.loc = { file: first.file, line: first.line, column: first.column ?? 1 }
    }
    context.error(payload)
  }
  throw error
}

/** Document warnings, located; capped so a large document does not flood the terminal. */
export function reportWarnings(context: HookContext, api: string, warnings: Problem[]): void {
  for (const warning of warnings.slice(0, MAX_WARNINGS)) context.warn(`API "${api}": ${formatProblem(warning)}`)
  if (warnings.length > MAX_WARNINGS) context.warn(`API "${api}": ${warnings.length - MAX_WARNINGS} more warnings not shown`)
}

function withoutPrefix(message: string): string {
  return message.startsWith(`${PREFIX} `) ? message.slice(PREFIX.length + 1) : message
}
