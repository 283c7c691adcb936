import { writeFile } from 'node:fs/promises'
import { join } from 'node:path'

/**
 * Writes `dir/tsconfig.json` for one strict program over `files`, the way the corpus tests check
 * generated code and declarations together (`checkJs` for the modules' JavaScript).
 */
export async function writeStrictProgram(dir: string, files: string[], options: { checkJs?: boolean } = {}): Promise<void> {
  const js = options.checkJs ? { allowJs: true, checkJs: true } : {}
  const compilerOptions = {
    strict: true,
    noEmit: true,
    target: 'es2022',
    module: 'preserve',
    moduleResolution: 'bundler',
    lib: ['es2022', 'dom'],
    types: [],
    ...js,
    skipLibCheck: false,
  }
  await writeFile(join(dir, 'tsconfig.json'), JSON.stringify({ compilerOptions, files }))
}
