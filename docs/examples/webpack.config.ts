import type { Configuration } from 'webpack'
import networking from '@codomyrmex/networking/webpack'

// `virtual:api/...` works as is: the plugin claims the `virtual:` scheme for its own ids.
const config: Configuration = {
  mode: 'production',
  entry: './src/main.js',
  plugins: [networking({ apis: { petstore: './openapi/petstore.yaml' } })],
}
export default config
