import type { RequestOptions } from '../http/types'

/**
 * How an operation's pages link together. `items` (every style) is a dot path to the array of items
 * in the body (`data`, `result.items`); without it the body itself when it is an array, else its only
 * array-valued member.
 */
export type PaginationConfig =
  /** RFC 8288 `Link` header with `rel="next"` (GitHub): the next page is that URL, on the same origin. */
  | { style: 'link'; items?: string }
  /** The body carries the next cursor (at the dot path `next`), sent back as the query parameter `param`. */
  | { style: 'cursor'; param: string; next: string; items?: string }
  /** `param` (default `offset`) advances by the number of items received; `total` is a dot path to the item count. */
  | { style: 'offset'; param?: string; items?: string; total?: string }
  /** `param` (default `page`) counts up from `start` (default 1, or the input's value); `totalPages` is a dot path. */
  | { style: 'page'; param?: string; start?: number; items?: string; totalPages?: string }

export type PaginationStyle = PaginationConfig['style']

/** What identifies the next page: a URL (link), a cursor, an offset or a page number. */
export type PageParam = string | number

/** Options of `paginate()`: a call's options, applied to every page, and the walk's own bounds. */
export interface PaginateOptions extends Omit<RequestOptions, 'deadline'> {
  /** Overrides the pagination configured for the operation (`apis.<name>.pagination`). */
  pagination?: PaginationConfig
  /** Stop after this many pages. @default unbounded */
  maxPages?: number
  /** Stop after this many items (the last page is cut). @default unbounded */
  maxItems?: number
  /** Total time in ms for the whole walk, every page and retry included; each page gets what is left. */
  deadline?: number
  /**
   * The walk's clock (epoch ms) for `deadline`; pass the client's `timers.now` when its timers are
   * injected, so both read the same time. @default Date.now
   */
  now?: () => number
}

/** One page as `paginate(...).pages()` yields it. */
export interface Page<T, D> {
  /** 0 for the first page. */
  index: number
  items: T[]
  /** The parsed body. */
  data: D
  response: Response | undefined
  /** What the next request will carry; undefined on the last page. */
  next: PageParam | undefined
}

/**
 * The item type of a body `D`: the element type when `D` is an array, else the element type of its
 * array-valued members (set `items` at runtime when it has several).
 */
export type PageItem<D> = D extends readonly (infer T)[]
  ? T
  : D extends object
    ? OrUnknown<{ [K in keyof D]-?: NonNullable<D[K]> extends readonly (infer T)[] ? T : never }[keyof D]>
    : unknown

type OrUnknown<T> = [T] extends [never] ? unknown : T
