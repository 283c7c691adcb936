import { ConfigurationError } from '../errors/configuration-error'
import { redactUrl } from '../log/redact'
import type { HttpClientOptions } from './types'
import { HAS_SCHEME, parses } from './url'

const num = (v: unknown): boolean => typeof v === 'number' && v >= 0
const fn = (v: unknown): boolean => typeof v === 'function'
const obj = (v: unknown): v is object => typeof v === 'object' && v !== null

// [option names (space-separated), accepts the value, what it must be]: options that share a
// check share one row, so each message is written once.
const RULES: [string, (v: unknown) => boolean, string][] = [
  ['baseUrl', (v) => typeof v === 'string' && (!HAS_SCHEME.test(v) || parses(v)), 'a valid URL'],
  ['timeout deadline maxBodyBytes maxErrorBodyBytes', num, 'a number >= 0'],
  ['fetch', fn, 'a function'],
  ['signal', (v) => obj(v) && fn((v as AbortSignal).addEventListener), 'an AbortSignal'],
  ['retry', (v) => v === false || num(v) || obj(v), 'a number, false or retry options'],
  ['headers', obj, 'an object of names to values'],
  ['hooks', (v) => obj(v) && Object.values(v).every((h) => h === undefined || fn(h)), 'an object of functions'],
  // No undefined values here: they would replace the real clock when merged over it.
  ['timers', (v) => obj(v) && Object.values(v).every(fn), 'an object of functions (now, random, setTimeout, clearTimeout)'],
  ['auth', (v) => [v].flat().every((s) => fn((s as { apply?: unknown } | null)?.apply)), 'a strategy (bearer(), apiKey()...) or a list of them'],
]

/**
 * Refuses options of the wrong type when the client is made, naming the option, instead of a
 * bare TypeError (or a silently ignored value) on the first request. `where` starts the message.
 */
export function checkOptions(options: Omit<HttpClientOptions, 'auth'> & { auth?: unknown }, where: string): void {
  for (const [names, ok, what] of RULES) {
    for (const name of names.split(' ')) {
      const value = (options as Record<string, unknown>)[name]
      if (value !== undefined && !ok(value)) {
        const shown = typeof value === 'string' ? JSON.stringify(redactUrl(value)) : typeof value === 'number' ? value : typeof value
        throw new ConfigurationError(`${where}: ${name} must be ${what}, got ${shown}`, name)
      }
    }
  }
}
