// The `browser` export condition of @codomyrmex/networking/node. That entry is the Node transport on
// undici (sockets, zlib): it cannot run in a page, and bundling it would pull undici in. In browser
// code, leave the client's `fetch` option unset (the page's fetch is used). The relative import
// below cannot resolve, on purpose: every bundler then stops the build and prints its path, which
// is the message.
import './ERROR: @codomyrmex/networking/node is the Node transport (undici) and cannot run in a browser. Leave the client fetch option unset in browser code'
