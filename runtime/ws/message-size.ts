import { WebSocketMessageTooBigError } from '../errors/websocket'
import type { CloseInfo, WebSocketData, WebSocketLike } from './types'

/** The byte size of `data` when it is over `max`, else undefined. Strings are measured as UTF-8. */
export function oversize(data: unknown, max: number): number | undefined {
  const size =
    typeof data === 'string'
      ? // Cheap bound first: a string of n UTF-16 units is at most 3n UTF-8 bytes.
        data.length * 3 <= max
        ? 0
        : new TextEncoder().encode(data).length
      : ((data as Blob).size ?? (data as ArrayBuffer).byteLength)
  return size > max ? size : undefined
}

/** What the client asks of the size limit (`wsMessageSizeFeature`, the `maxMessageSize` option). */
export interface SizeGuard {
  /** Throws `WebSocketMessageTooBigError` for a message over the limit, before it is sent. */
  outbound(data: WebSocketData): void
  /**
   * An inbound frame (or `ws`'s own refusal of one, `cause`) over the limit: reports the error,
   * closes with 1009 where we still can, and returns the close to report in place of the peer's.
   */
  inbound(s: WebSocketLike, data: unknown, cause?: { code?: string }): CloseInfo | undefined
}

const TOO_BIG: CloseInfo = { code: 1009, reason: 'message too big', wasClean: false }

export function sizeGuard(url: string, max: number, report: (error: Error) => void): SizeGuard {
  return {
    outbound(data) {
      const size = oversize(data, max)
      if (size !== undefined) throw new WebSocketMessageTooBigError(url, size, max)
    },
    inbound(s, data, cause) {
      if (cause) {
        // `ws` enforces maxPayload itself and sends 1009, but reports 1006 locally.
        if (cause.code !== 'WS_ERR_UNSUPPORTED_MESSAGE_LENGTH') return undefined
        report(new WebSocketMessageTooBigError(url, undefined, max, cause))
        return TOO_BIG
      }
      const size = oversize(data, max)
      if (size === undefined) return undefined
      report(new WebSocketMessageTooBigError(url, size, max))
      try {
        s.close(1009, 'message too big')
      } catch {
        // Browsers only let scripts send 1000 and 3000-4999.
        s.close(4009, 'message too big')
      }
      return TOO_BIG
    },
  }
}
