import { RequestError } from '../errors/request-error'
import type { HeaderValues } from './types'

const FORBIDDEN = /[\r\n\0]/

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
    target.set(name, text)
  }
}
