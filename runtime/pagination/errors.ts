import { NetworkingError } from '../errors/networking-error'

/**
 * A walk over pages could not go on safely. Codes: `ERR_PAGINATION_CONFIG` (no or unusable
 * configuration, items not found in a page), `ERR_PAGINATION_LOOP` (the server sent a cursor, link
 * or page it had sent before), `ERR_PAGINATION_LINK` (a next link that is not a URL or leaves the
 * first page's origin).
 */
export class PaginationError extends NetworkingError {
  override name = 'PaginationError'
  constructor(
    /** The operation walked. */
    readonly operationId: string,
    detail: string,
    code: 'ERR_PAGINATION_CONFIG' | 'ERR_PAGINATION_LOOP' | 'ERR_PAGINATION_LINK',
  ) {
    super(`paginate ${operationId}: ${detail}`, { code })
  }
}
