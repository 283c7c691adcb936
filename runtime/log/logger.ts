import type { LogEvent, Logger, LoggerOption, LogLevel } from './types'

const rank: Record<LogLevel, number> = { debug: 0, info: 1, warn: 2, error: 3 }

/**
 * Writes one line per event: the message. At `debug` the structured fields come along as a second
 * argument (Node prints an object over many lines, too much for every attempt at `info`).
 */
const line = (e: LogEvent): string => `[networking] ${e.message}`
export const consoleLogger: Logger = {
  debug: (e) => console.debug(line(e), e),
  info: (e) => console.info(line(e)),
  warn: (e) => console.warn(line(e)),
  error: (e) => console.error(line(e)),
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
  // The console at `debug` shows every event with its fields.
  const write =
    logger === consoleLogger && min === 'debug'
      ? (event: LogEvent) => console[event.level](line(event), event)
      : (event: LogEvent) => logger[event.level](event)
  return (event) => {
    if (rank[event.level] >= rank[min]) write(event)
  }
}
