export type LogLevel = 'debug' | 'info' | 'warn' | 'error'

/**
 * One structured event per network operation (an HTTP attempt, a WebSocket connect/close, ...).
 * URLs and headers in events are already redacted.
 */
export interface LogEvent {
  level: LogLevel
  /** What happened, e.g. `http.attempt`, `http.retry`, `ws.open`, `ws.close`. */
  event: string
  message: string
  [field: string]: unknown
}

/** Anything with these methods works: console, consola, pino (see docs for one-line adapters). */
export interface Logger {
  debug(event: LogEvent): void
  info(event: LogEvent): void
  warn(event: LogEvent): void
  error(event: LogEvent): void
}
