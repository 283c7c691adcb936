import { mkdir, rm, writeFile } from 'node:fs/promises'
import { join, resolve } from 'node:path'
import { pathToFileURL } from 'node:url'
import ts from 'typescript'
import { runCli } from '../../../src/cli/run'
import { build } from '../../helpers/bundlers'
import type { Table } from './case'
import { toSource } from './to-source'

export const ROOT = resolve(__dirname, '../../..')
export const SPECS = resolve(__dirname, '../specs')
export const WORK = resolve(ROOT, 'test/.tmp/conformance')
const GEN = join(WORK, 'gen')

/**
 * Generates every table's document once with the CLI (`codomyrmex-api generate`) and imports the
 * output as users would: `@codomyrmex/networking/runtime` resolves through the package's own exports
 * map to the built dist/ (global-setup rebuilds it when runtime/ changes).
 */
export async function generateAll(specs: string[]): Promise<Map<string, Record<string, unknown>>> {
  await rm(WORK, { recursive: true, force: true })
  await mkdir(WORK, { recursive: true })
  const modules = new Map<string, Record<string, unknown>>()
  for (const spec of specs) {
    const err: string[] = []
    const code = await runCli(['generate', '--spec', join(SPECS, `${spec}.yaml`), '--name', spec, '--out', GEN], {
      cwd: WORK,
      out: () => {},
      err: (l) => err.push(l),
    })
    if (code !== 0) throw new Error(`generate ${spec} failed:\n${err.join('\n')}`)
  }
  for (const spec of specs) modules.set(spec, (await import(pathToFileURL(join(GEN, `${spec}.js`)).href)) as Record<string, unknown>)
  return modules
}

/** One strict tsc program over every typed case: each input must fit the generated declarations. */
export async function typecheckCalls(tables: Table[]): Promise<string[]> {
  const lines: string[] = []
  for (const table of tables) {
    const id = `api_${table.spec.replace(/\W/g, '_')}`
    lines.push(`import ${id} from './gen/${table.spec}.js'`, `const ${id}_client = ${id}.createClient({})`)
  }
  for (const table of tables) {
    const id = `api_${table.spec.replace(/\W/g, '_')}_client`
    table.cases.forEach((c, i) => {
      if (c.untyped || c.todo) return
      const args = c.input === undefined ? '' : toSource(c.input)
      lines.push(`// ${table.spec} #${i}: ${c.name.replace(/\n/g, ' ')}`, `void ${id}[${JSON.stringify(c.op)}](${args})`)
    })
  }
  tables.forEach((table, i) => {
    if (!table.types) return
    const id = `api_${table.spec.replace(/\W/g, '_')}_client`
    lines.push(`export async function types${i}(): Promise<void> {`, ...table.types.map((t) => `  ${t.replace(/\$client/g, id)}`), '}')
  })
  const file = join(WORK, 'calls.ts')
  await writeFile(file, `${lines.join('\n')}\n`)
  const program = ts.createProgram([file], {
    strict: true,
    noEmit: true,
    target: ts.ScriptTarget.ES2022,
    module: ts.ModuleKind.Preserve,
    moduleResolution: ts.ModuleResolutionKind.Bundler,
    lib: ['lib.es2022.d.ts', 'lib.dom.d.ts', 'lib.dom.iterable.d.ts'],
    types: [],
    skipLibCheck: true,
    noUncheckedIndexedAccess: true,
  })
  return ts.getPreEmitDiagnostics(program).map((d) => {
    const where = d.file && d.start !== undefined ? d.file.getLineAndCharacterOfPosition(d.start) : undefined
    const line = where && d.file ? d.file.text.split('\n')[where.line] : ''
    return `${where ? `calls.ts:${where.line + 1}` : ''} ${line ?? ''}\n  ${ts.flattenDiagnosticMessageText(d.messageText, '\n  ')}`
  })
}

/**
 * The same documents through the plugin: one esbuild build of an entry importing every
 * `virtual:api/<spec>` (the specs folder as the plugin's `dir`), so the tables also run on what a
 * bundler produces.
 */
export async function bundleAll(specs: string[]): Promise<Map<string, Record<string, unknown>>> {
  const root = join(WORK, 'plugin')
  await mkdir(root, { recursive: true })
  const ids = specs.map((spec, i) => [`m${i}`, spec] as const)
  await writeFile(
    join(root, 'entry.js'),
    `${ids.map(([v, spec]) => `import * as ${v} from 'virtual:api/${spec}'`).join('\n')}\nexport default { ${ids.map(([v, spec]) => `${JSON.stringify(spec)}: ${v}`).join(', ')} }\n`,
  )
  const file = await build('esbuild', { root, entry: 'entry.js', outDir: join(root, 'dist'), options: { dir: SPECS, dts: false, cacheDir: false } })
  const all = (await import(pathToFileURL(file).href)).default as Record<string, Record<string, unknown>>
  return new Map(specs.map((spec) => [spec, all[spec]!]))
}
