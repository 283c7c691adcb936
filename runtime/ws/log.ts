import type { NetworkingError } from '../errors/networking-error'
import type { LogLevel, Logger } from '../log/types'
import type { Effect } from './machine'
import type { CloseInfo } from './types'

/** How the client's features log: the level, the event name, a message (prefixed with the URL here). */
export type ClientLog = (level: LogLevel, event: string, message: string, fields?: object) => void

/** What the shell tells the logger: the effects it performs, plus errors and closes. */
export type LogNote = Effect | { type: 'error'; error: Error } | { type: 'close'; info: CloseInfo }

/**
 * The `logger` option (`wsLoggerFeature`): turns what the client does into log events, so the
 * message texts stay out of a client that does not log.
 */
export function clientLogger(logger: Logger, url: string): { log: ClientLog; note(n: LogNote): void } {
  const log: ClientLog = (level, event, message, fields) =>
    logger[level]({ level, event, message: message.startsWith('WebSocket ') ? message : `WebSocket ${url}: ${message}`, url, ...fields })
  return {
    log,
    note(n) {
      if (n.type === 'error') log('error', 'ws.error', n.error.message, { code: (n.error as NetworkingError).code })
      else if (n.type === 'close') log(n.info.wasClean ? 'info' : 'warn', 'ws.close', `closed with code ${n.info.code}`, { ...n.info })
      else if (n.type === 'dial') log('debug', 'ws.connect', `connecting (attempt ${n.attempt})`, { attempt: n.attempt })
      else if (n.type === 'open') log('info', 'ws.open', n.again ? `reconnected after ${n.attempts} attempts` : 'open', { attempt: n.attempts })
      else if (n.type === 'wait') {
        log('warn', 'ws.reconnect', `reconnecting in ${n.delay} ms (attempt ${n.attempt}, ${n.reason}): ${n.detail}`, {
          attempt: n.attempt,
          delay: n.delay,
          reason: n.reason,
          cause: n.error.message,
        })
      }
    },
  }
}
