export { paginate, type Paginator, type PaginateArgs } from './paginate'
export { PaginationError } from './errors'
export { linkTargets } from './link-header'
export type { PaginationConfig, PaginationStyle, PaginateOptions, Page, PageItem, PageParam } from './types'
