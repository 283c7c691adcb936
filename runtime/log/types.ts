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

/**
 * `false`/absent: silent (the default). `true`: console at `info`. A level: console from that level.
 * A `Logger`: everything from `debug` goes to it. `{ logger, level }`: both.
 */
export type LoggerOption = boolean | LogLevel | Logger | { logger?: Logger; level?: LogLevel }
