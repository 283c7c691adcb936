// The playground app: `virtual:api/petstore` and `virtual:api/petstore/query` served by the Vite
// dev server's mock of the same document (`mock: true`), and `virtual:api/market` (an AsyncAPI
// document) on the same mock's WebSocket, so it runs with no backend and no network.
// JSX goes through Vite's own transform (oxc), no React plugin needed.
import networking from '@codomyrmex/networking/vite'
import { defineConfig } from 'vite'

export default defineConfig({
  root: import.meta.dirname,
  server: { host: '127.0.0.1' },
  oxc: { jsx: { runtime: 'automatic' } },
  // Found before the first page load, so the dev server never reloads the page to add one.
  optimizeDeps: { include: ['react', 'react/jsx-dev-runtime', 'react-dom/client', '@tanstack/react-query'] },
  plugins: [networking({ apis: { petstore: 'petstore.yaml', market: 'market.yaml' }, mock: true, dts: 'api-clients.d.ts' })],
})
