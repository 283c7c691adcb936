import networking from './index'

/** `import networking from '@codomyrmex/networking/rollup'`, then `networking({ apis: { … } })`. */
export default networking.rollup
