export { queryKeyOf, queryOptionsOf, mutationOptionsOf, infiniteQueryOptionsOf } from './options'
export type * from './types'
