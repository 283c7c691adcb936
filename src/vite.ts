import networking from './index'

/** `import networking from '@codomyrmex/networking/vite'`, then `networking({ apis: { … } })`. */
export default networking.vite
