import { dirname, resolve, sep } from 'node:path'
import { fileURLToPath } from 'node:url'
import { defineConfig } from 'tsdown'
import { buildSpecValidators } from './scripts/build-spec-validators.mjs'

/** The test setup builds into a scratch folder and swaps it in, so running tests never see a half-built dist/. */
const OUT = process.env.CODOMYRMEX_DIST_DIR ?? 'dist'

/**
 * Two builds: the plugin and CLI run in Node (bundlers, CI); the runtime ships to browsers,
 * workers and Node, so it is built platform-neutral and must not import `node:` modules.
 * `clean` is off because the two builds run in parallel and one would delete the other's files;
 * the build script empties dist/ first.
 */
const RUNTIME = resolve(dirname(fileURLToPath(import.meta.url)), 'runtime')
const REDIS = resolve(RUNTIME, 'redis')

/**
 * The Redis entry uses the runtime's classes (StoreUnavailableError) and types (the store
 * interfaces): it imports them from the published runtime's internal entry (same package version;
 * the store types are not in the public one), not a copy, so `instanceof` and types are the same
 * objects. Its sources import `../manager/...` for the type checker; every such import becomes it.
 */
const runtimeExternal = {
  name: 'codomyrmex:runtime-external',
  resolveId(id: string, importer: string | undefined) {
    if (!importer || !id.startsWith('.')) return null
    const target = resolve(dirname(importer), id)
    const fromRedis = importer.startsWith(REDIS + sep)
    if (fromRedis && target.startsWith(RUNTIME + sep) && !target.startsWith(REDIS + sep)) {
      return { id: '@codomyrmex/networking/runtime/internal', external: true }
    }
    return null
  },
}

export default defineConfig([
  {
    entry: {
      index: 'src/index.ts',
      vite: 'src/vite.ts',
      rollup: 'src/rollup.ts',
      rolldown: 'src/rolldown.ts',
      esbuild: 'src/esbuild.ts',
      webpack: 'src/webpack.ts',
      rspack: 'src/rspack.ts',
      cli: 'src/cli/index.ts',
      // What `virtual:api/<name>/mocks` imports (Node: tests with msw; it uses ajv).
      mock: 'src/mock/index.ts',
    },
    outDir: `${OUT}/plugin`,
    platform: 'node',
    format: 'esm',
    target: 'node20.19',
    dts: true,
    clean: false,
    sourcemap: false,
    // The OpenAPI specification validators as standalone code beside the plugin (src/spec/spec-validators.ts).
    onSuccess: () => buildSpecValidators(`${OUT}/plugin`),
  },
  {
    // One build for both runtime entries: what they share is one chunk, so a class imported through
    // the public entry and through `./internal` (generated code) is the same class.
    // `types`: the contract types alone, what generated declarations import (no runtime code).
    entry: { index: 'runtime/index.ts', internal: 'runtime/internal.ts', types: 'runtime/types.ts' },
    outDir: `${OUT}/runtime`,
    platform: 'neutral',
    format: 'esm',
    target: 'es2022',
    dts: true,
    clean: false,
    sourcemap: false,
  },
  {
    // `@codomyrmex/networking/node`: the Node transport on undici (a dependency, left external), never in a browser build.
    entry: { index: 'runtime/node/index.ts' },
    outDir: `${OUT}/node`,
    platform: 'node',
    format: 'esm',
    target: 'node20.19',
    dts: true,
    clean: false,
    sourcemap: false,
  },
  {
    // `@codomyrmex/networking/redis`: Node only (its users' Redis clients are), never in the runtime barrel.
    entry: { index: 'runtime/redis/index.ts' },
    outDir: `${OUT}/redis`,
    platform: 'node',
    format: 'esm',
    target: 'node20.19',
    dts: true,
    clean: false,
    sourcemap: false,
    plugins: [runtimeExternal],
  },
])
