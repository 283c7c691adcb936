import { mkdir, readdir } from 'node:fs/promises'
import { join } from 'node:path'
import type { Options } from '../../src/core/options'
import networking from '../../src/index'

/**
 * In-process builds of a fixture entry with each bundler and our plugin (from src, so coverage
 * counts). Every build targets Node ESM with everything bundled except Node built-ins, so the
 * output runs with a plain `import()`. `@codomyrmex/networking/runtime` resolves through
 * test/fixtures/node_modules (a link to the repo root made by global-setup), i.e. the package's
 * real exports map and its built dist.
 */
export interface BuildInput {
  root: string
  entry: string
  outDir: string
  options: Options
}

export type Bundler = 'vite' | 'rollup' | 'rolldown' | 'esbuild' | 'webpack' | 'rspack'

export const BUNDLERS: Bundler[] = ['vite', 'rollup', 'rolldown', 'esbuild', 'webpack', 'rspack']

/** Builds and returns the path of the ESM file to import. */
export async function build(bundler: Bundler, input: BuildInput): Promise<string> {
  await mkdir(input.outDir, { recursive: true })
  switch (bundler) {
    case 'vite':
      return buildVite(input)
    case 'rollup':
      return buildRollup(input)
    case 'rolldown':
      return buildRolldown(input)
    case 'esbuild':
      return buildEsbuild(input)
    case 'webpack':
      return buildWebpackLike('webpack', input)
    case 'rspack':
      return buildWebpackLike('rspack', input)
  }
}

async function buildVite({ root, entry, outDir, options }: BuildInput): Promise<string> {
  const { build: viteBuild } = await import('vite')
  await viteBuild({
    root,
    configFile: false,
    logLevel: 'silent',
    plugins: [networking.vite(options)],
    build: {
      outDir,
      emptyOutDir: true,
      minify: false,
      ssr: join(root, entry),
      rollupOptions: { output: { format: 'es', entryFileNames: 'main.mjs' } },
    },
    ssr: { noExternal: true },
  })
  return join(outDir, 'main.mjs')
}

async function buildRollup({ root, entry, outDir, options }: BuildInput): Promise<string> {
  const { rollup } = await import('rollup')
  const { nodeResolve } = await import('@rollup/plugin-node-resolve')
  const bundle = await rollup({
    input: join(root, entry),
    plugins: [networking.rollup(options), nodeResolve({ exportConditions: ['node'], preferBuiltins: true })],
    onwarn: () => {},
  })
  await bundle.write({ dir: outDir, format: 'es', entryFileNames: 'main.mjs', inlineDynamicImports: true })
  await bundle.close()
  return join(outDir, 'main.mjs')
}

async function buildRolldown({ root, entry, outDir, options }: BuildInput): Promise<string> {
  const { rolldown } = await import('rolldown')
  const bundle = await rolldown({ input: join(root, entry), platform: 'node', plugins: [networking.rolldown(options)], logLevel: 'silent', cwd: root })
  await bundle.write({ dir: outDir, format: 'es', entryFileNames: 'main.mjs' })
  await bundle.close()
  return join(outDir, 'main.mjs')
}

async function buildEsbuild({ root, entry, outDir, options }: BuildInput): Promise<string> {
  const esbuild = await import('esbuild')
  const outfile = join(outDir, 'main.mjs')
  await esbuild.build({
    entryPoints: [join(root, entry)],
    absWorkingDir: root,
    bundle: true,
    platform: 'node',
    format: 'esm',
    outfile,
    logLevel: 'silent',
    plugins: [networking.esbuild(options)],
  })
  return outfile
}

async function buildWebpackLike(kind: 'webpack' | 'rspack', { root, entry, outDir, options }: BuildInput): Promise<string> {
  const config = {
    mode: 'production' as const,
    context: root,
    entry: join(root, entry),
    target: 'node20',
    devtool: false as const,
    optimization: { minimize: false },
    experiments: { outputModule: true },
    output: { path: outDir, filename: 'main.mjs', library: { type: 'module' }, module: true, chunkFormat: 'module' as const },
    infrastructureLogging: { level: 'none' as const },
    stats: 'none' as const,
  }
  const compiler =
    kind === 'webpack'
      ? (await import('webpack')).default({ ...config, plugins: [networking.webpack(options)] } as never)
      : (await import('@rspack/core')).rspack({ ...config, plugins: [networking.rspack(options)] } as never)
  await new Promise<void>((resolve, reject) => {
    compiler.run((error: Error | null, stats: { hasErrors(): boolean; toString(o: unknown): string } | undefined) => {
      compiler.close(() => {})
      if (error) return reject(error)
      if (stats?.hasErrors()) return reject(new Error(stats.toString({ all: false, errors: true })))
      resolve()
    })
  })
  return join(outDir, 'main.mjs')
}

export async function listFiles(dir: string): Promise<string[]> {
  return (await readdir(dir, { recursive: true })).map(String).sort()
}
