import type { RollupOptions } from 'rollup'
import { nodeResolve } from '@rollup/plugin-node-resolve'
import networking from '@codomyrmex/networking/rollup'

const config: RollupOptions = {
  input: 'src/main.js',
  // nodeResolve lets Rollup find @codomyrmex/networking/runtime, which generated modules import.
  plugins: [networking({ apis: { petstore: './openapi/petstore.yaml' } }), nodeResolve()],
  output: { dir: 'dist', format: 'es' },
}
export default config
