import { RequestError } from '../errors/request-error'
import type { HeaderValues } from './types'

const FORBIDDEN = /[\r\n\0]/
/** An RFC 9110 field name (a token). */
export const HEADER_NAME = /^[!#$%&'*+.^_`|~\dA-Za-z-]+$/

/** Copies header values into `target`, refusing CR/LF/NUL (header injection) before anything is sent. */
export function setHeaders(target: Headers, values: HeaderValues | undefined, where: () => string): void {
  if (!values) return
  for (const name in values) {
    const value = values[name]
    if (value === undefined) continue
    const text = String(value)
    if (FORBIDDEN.test(name) || FORBIDDEN.test(text)) {
      throw new RequestError(`${where()}: header "${name.replace(FORBIDDEN, ' ')}" contains CR, LF or NUL`, { code: 'ERR_HEADER_VALUE' })
    }
    // fetch would throw a bare TypeError for a name that is not an RFC 9110 token (`x header`).
    if (!HEADER_NAME.test(name)) throw new RequestError(`${where()}: ${JSON.stringify(name)} is not a valid HTTP header name`, { code: 'ERR_HEADER_NAME' })
    target.set(name, text)
  }
}
