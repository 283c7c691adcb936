/**
 * The base of every error this package throws, HTTP and WebSocket alike, so callers can catch
 * `NetworkingError` once. Subclasses name what failed and where (method and redacted URL); the
 * underlying error is kept as `cause`.
 */
export class NetworkingError extends Error {
  override name = 'NetworkingError'
  /** A stable machine-readable code, e.g. `ERR_HTTP_404`, `ERR_TIMEOUT`, `ERR_WS_CLOSED`. */
  readonly code: string

  constructor(message: string, options: { code: string; cause?: unknown }) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause })
    this.code = options.code
  }

  /**
   * The fields `toJSON` (and so inspection) shows besides name, code and message: public,
   * already-redacted ones only. One list per class instead of a `toJSON` body per class.
   */
  protected get shownFields(): readonly string[] {
    return []
  }

  /** What logs and `JSON.stringify` show: public, already-redacted fields only. */
  toJSON(): Record<string, unknown> {
    const out: Record<string, unknown> = { name: this.name, code: this.code, message: this.message }
    for (const k of this.shownFields) out[k] = (this as unknown as Record<string, unknown>)[k]
    return out
  }

  // Node's util.inspect (console.log of an error) would otherwise print every own property,
  // including a raw Response whose url may carry secrets; show the redacted summary instead.
  [Symbol.for('nodejs.util.inspect.custom')](): string {
    const extra = { ...this.toJSON() }
    delete extra.name
    delete extra.message
    return `${this.stack ?? `${this.name}: ${this.message}`}\n  ${JSON.stringify(extra)}`
  }
}
