import { consola } from 'consola'
import { pino } from 'pino'
import { consolaLogger, consoleLogger, createHttpClient, pinoLogger, type LogEvent, type Logger } from '@codomyrmex/networking/runtime'

// Logging is off by default. One structured event per attempt (`http.attempt`), URLs and headers redacted.
export const quiet = createHttpClient({}) // silent
export const toConsole = createHttpClient({ logger: true }) // console, from `info`
export const warningsOnly = createHttpClient({ logger: 'warn' }) // console, from `warn`
export const explicit = createHttpClient({ logger: { logger: consoleLogger, level: 'debug' } })
export const viaConsola = createHttpClient({ logger: consolaLogger(consola.withTag('api')) })
export const viaPino = createHttpClient({ logger: pinoLogger(pino({ level: 'info', enabled: false })) })

export async function main(baseUrl: string) {
  const events: LogEvent[] = []
  const record = (event: LogEvent) => void events.push(event)
  const memory: Logger = { debug: record, info: record, warn: record, error: record } // any Logger works
  const http = createHttpClient({ baseUrl, logger: memory, name: 'docs' })
  await http.get('/pets?api_key=secret') // the key shows as REDACTED in the event
  return events.map((e) => ({ event: e.event, level: e.level, url: e.url }))
}
