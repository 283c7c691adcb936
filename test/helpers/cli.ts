import { runCli } from '../../src/cli/run'

export interface CliResult {
  code: number
  out: string[]
  err: string[]
}

/** Runs `codomyrmex-api <argv>` in process with `cwd` as the working folder, collecting its lines. */
export async function runCliIn(cwd: string, ...argv: string[]): Promise<CliResult> {
  const out: string[] = []
  const err: string[] = []
  const code = await runCli(argv, { cwd, out: (l) => out.push(l), err: (l) => err.push(l) })
  return { code, out, err }
}
