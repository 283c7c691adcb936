// What the runtime benchmarks load: the public entry and what generated modules import (createApi).
export * from '../../runtime/index'
export * from '../../runtime/internal'
