import { defineConfig } from 'vite'
import networking from '@codomyrmex/networking/vite'

export default defineConfig({
  plugins: [networking({ apis: { petstore: './openapi/petstore.yaml' } })],
})
