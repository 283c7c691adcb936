// `@codomyrmex/networking/node`: Node only (undici), never in the runtime barrel or a browser build.
export { createNodeFetch, type NodeFetch, type NodeFetchOptions } from './node-fetch'
