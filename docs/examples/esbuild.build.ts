import { build } from 'esbuild'
import networking from '@codomyrmex/networking/esbuild'

// esbuild runs plugins only when bundling: `bundle: true` is required.
await build({
  entryPoints: ['src/main.ts'],
  bundle: true,
  format: 'esm',
  platform: 'node', // or 'browser'
  outfile: 'dist/main.mjs',
  plugins: [networking({ apis: { petstore: './openapi/petstore.yaml' } })],
})
