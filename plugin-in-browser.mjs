// The `browser` export condition of @codomyrmex/networking's plugin entries. The plugin runs in
// your bundler's configuration (Node), never in a page; in browser code, import the generated
// client instead: `import petstore, { listPets } from 'virtual:api/petstore'`. The relative import
// below cannot resolve, on purpose: every bundler then stops the build and prints its path, which
// is the message, instead of bundling the whole Node toolchain into the page.
import './ERROR: the @codomyrmex networking plugin entries belong in your bundler config (vite.config.ts, webpack.config.js, ...), not in browser code. Import the generated client from virtual:api modules instead'
