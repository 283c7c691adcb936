import networking from './index'

/** `import networking from '@codomyrmex/networking/rolldown'`, then `networking({ apis: { … } })`. */
export default networking.rolldown
