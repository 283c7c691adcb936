import type { Configuration } from '@rspack/core'
import networking from '@codomyrmex/networking/rspack'

const config: Configuration = {
  entry: './src/main.js',
  plugins: [networking({ apis: { petstore: './openapi/petstore.yaml' } })],
}
export default config
