import networking from './index'

/** `import networking from '@codomyrmex/networking/esbuild'`, then `networking({ apis: { … } })`. */
export default networking.esbuild
