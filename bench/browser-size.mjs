// The one way this repository measures a browser bundle: esbuild, platform browser, ESM, minified,
// gzip -9 (the figures in docs/benchmarks/*.md and the size-budget tests). Benchmarks and tests
// import it so that their numbers stay comparable.
import { gzipSync } from 'node:zlib'
import { build } from 'esbuild'

/**
 * Bundles `contents` (TypeScript, resolved from `resolveDir`) and returns its minified code, its
 * min and min+gzip byte counts, every input esbuild read and the inputs that left bytes in the output.
 * @param {string} contents
 * @param {{ resolveDir: string, plugins?: import('esbuild').Plugin[], external?: string[], target?: string }} options
 */
export async function browserBundle(contents, { resolveDir, plugins = [], external = [], target }) {
  const result = await build({
    stdin: { contents, resolveDir, loader: 'ts' },
    plugins,
    external,
    ...(target ? { target } : {}),
    bundle: true,
    minify: true,
    format: 'esm',
    platform: 'browser',
    write: false,
    metafile: true,
    logLevel: 'silent',
  })
  const code = result.outputFiles[0].text
  const bytes = result.outputFiles[0].contents
  const out = Object.values(result.metafile.outputs)[0].inputs
  return {
    code,
    min: bytes.length,
    gzip: gzipSync(bytes, { level: 9 }).length,
    metafile: result.metafile,
    inputs: Object.keys(result.metafile.inputs),
    kept: Object.keys(out).filter((i) => out[i].bytesInOutput > 0),
    bytesByInput: Object.fromEntries(Object.entries(out).map(([i, v]) => [i, v.bytesInOutput])),
  }
}
