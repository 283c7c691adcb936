// The playground app: `virtual:api/petstore` served by the Vite dev server's mock of the same
// document (`mock: true`), so it runs with no backend and no network.
import networking from '@codomyrmex/networking/vite'
import { defineConfig } from 'vite'

export default defineConfig({
  root: import.meta.dirname,
  server: { host: '127.0.0.1' },
  plugins: [networking({ apis: { petstore: 'petstore.yaml' }, mock: true, dts: 'api-clients.d.ts' })],
})
