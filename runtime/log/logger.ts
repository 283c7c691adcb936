import type { LogEvent, Logger, LoggerOption, LogLevel } from './types'

const rank: Record<LogLevel, number> = { debug: 0, info: 1, warn: 2, error: 3 }

/** Writes one line per event: the message, then the structured fields as JSON. */
export const consoleLogger: Logger = {
  debug: (e) => console.debug(`[networking] ${e.message}`, e),
  info: (e) => console.info(`[networking] ${e.message}`, e),
  warn: (e) => console.warn(`[networking] ${e.message}`, e),
  error: (e) => console.error(`[networking] ${e.message}`, e),
}

export type Emit = (event: LogEvent) => void

/** Resolves the option into an emitter, or undefined when logging is off (the hot path skips building events). */
export function createEmitter(option: LoggerOption | undefined): Emit | undefined {
  if (!option) return undefined
  let logger = consoleLogger
  let min: LogLevel = 'info'
  if (typeof option === 'string') min = option
  else if (typeof option === 'object') {
    if ('debug' in option && typeof option.debug === 'function') {
      logger = option as Logger
      min = 'debug'
    } else {
      const o = option as { logger?: Logger; level?: LogLevel }
      logger = o.logger ?? consoleLogger
      min = o.level ?? (o.logger ? 'debug' : 'info')
    }
  }
  return (event) => {
    if (rank[event.level] >= rank[min]) logger[event.level](event)
  }
}
