import type { LogEvent, Logger, LogLevel } from '../log/types'

/**
 * One-line bridges from the package's `Logger` (one structured event per call) to the loggers
 * people already use. Duck-typed: nothing here imports consola or pino. For the console, use
 * `consoleLogger` from `runtime/log/logger` (or `logger: true`).
 */

type Method = (...args: never[]) => unknown

/** The fields of an event, without the two that become the log line itself. */
function fields(event: LogEvent): Record<string, unknown> {
  const { level: _level, message: _message, ...rest } = event
  return rest
}

function adapt(call: (level: LogLevel, event: LogEvent) => void): Logger {
  return {
    debug: (e) => call('debug', e),
    info: (e) => call('info', e),
    warn: (e) => call('warn', e),
    error: (e) => call('error', e),
  }
}

/** consola (`consola` or `consola.withTag('api')`): message first, fields as the second argument. */
export function consolaLogger(consola: Record<LogLevel, Method>): Logger {
  return adapt((level, e) => (consola[level] as (message: string, data: unknown) => void)(e.message, fields(e)))
}

/** pino (or a pino child): the merging object first, then the message, as pino expects. */
export function pinoLogger(pino: Record<LogLevel, Method>): Logger {
  return adapt((level, e) => (pino[level] as (data: object, message: string) => void)(fields(e), e.message))
}
