import networking from './index'

/** `import networking from '@codomyrmex/networking/webpack'`, then `networking({ apis: { … } })`. */
export default networking.webpack
