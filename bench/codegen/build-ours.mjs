// Bundles the generator from src/ (Node, packages external) so the probe measures current code.
// `root` may name another checkout (cold.mjs --before=DIR): its sources are bundled into `outDir`
// and resolve packages from this checkout, so two versions run side by side on the same packages.
import { build } from 'esbuild'
import { join } from 'node:path'
import { buildSpecValidators } from '../../scripts/build-spec-validators.mjs'

export async function buildOurs({ root = join(import.meta.dirname, '../..'), outDir = join(import.meta.dirname, '.build') } = {}) {
  await build({
    stdin: {
      contents:
        "export { ApiContext } from './src/core/context.ts'\nexport { resolveOptions } from './src/core/options.ts'\nexport { loadDocument } from './src/spec/load.ts'\nexport { validateDocument } from './src/spec/validate.ts'\nexport { generateApi } from './src/codegen/generate.ts'\nexport { toOpenApi3 } from './src/spec/convert.ts'\nexport { parseText } from './src/spec/parse-text.ts'\n",
      resolveDir: root,
      loader: 'ts',
    },
    bundle: true,
    platform: 'node',
    format: 'esm',
    packages: 'external',
    outfile: join(outDir, 'ours.mjs'),
    logLevel: 'warning',
  })
  buildSpecValidators(outDir)
}
