import networking from './index'

/** `import networking from '@codomyrmex/networking/rspack'`, then `networking({ apis: { … } })`. */
export default networking.rspack
