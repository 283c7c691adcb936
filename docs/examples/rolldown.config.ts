import { defineConfig } from 'rolldown'
import networking from '@codomyrmex/networking/rolldown'

export default defineConfig({
  input: 'src/main.ts',
  plugins: [networking({ apis: { petstore: './openapi/petstore.yaml' } })],
  output: { dir: 'dist', format: 'es' },
})
