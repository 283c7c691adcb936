import type { Hooks } from '../http/types'
import { NetworkingError } from '../errors/networking-error'
import type { PerEnvironment } from './types'

/** A setting has no value for the selected environment. */
export class EnvironmentError extends NetworkingError {
  override name = 'EnvironmentError'
  constructor(client: string, what: string, environment: string | undefined, known: string[]) {
    super(
      environment === undefined
        ? `Network manager: client "${client}" has a ${what} per environment (${known.join(', ')}) but no environment was selected`
        : `Network manager: client "${client}" has no ${what} for environment "${environment}" (has: ${known.join(', ')})`,
      { code: 'ERR_ENVIRONMENT' },
    )
  }
}

export function pickEnvironment<T extends string>(value: PerEnvironment<T>, environment: string | undefined, client: string, what: string): T {
  if (typeof value === 'string') return value as T
  const known = Object.keys(value)
  const picked = environment === undefined ? undefined : value[environment]
  if (picked === undefined) throw new EnvironmentError(client, what, environment, known)
  return picked
}

/** Header records merged case-insensitively: a later `authorization` replaces an earlier `Authorization`. */
export function mergeHeaders<V>(...records: (Readonly<Record<string, V>> | undefined)[]): Record<string, V> | undefined {
  const out: Record<string, V> = {}
  const names = new Map<string, string>()
  let any = false
  for (const record of records) {
    for (const [name, value] of Object.entries(record ?? {})) {
      any = true
      const previous = names.get(name.toLowerCase())
      if (previous !== undefined) delete out[previous]
      names.set(name.toLowerCase(), name)
      out[name] = value
    }
  }
  return any ? out : undefined
}

/** Object options merge field by field; a number or `false` replaces. */
export function mergeRetry<T>(base: T | undefined, override: T | undefined): T | undefined {
  if (override === undefined) return base
  if (typeof base === 'object' && base !== null && typeof override === 'object' && override !== null) return { ...base, ...override }
  return override
}

type HookName = keyof Hooks

/** Every hook set's hooks run, in order; a hook that throws stops the chain (that is how the manager stops retries). */
export function chainHooks(...sets: (Hooks | undefined)[]): Hooks {
  const present = sets.filter((s): s is Hooks => s !== undefined)
  const out: Hooks = {}
  for (const name of ['onRequest', 'onResponse', 'onRetry', 'onError'] as const satisfies readonly HookName[]) {
    const fns = present.map((s) => s[name]).filter((f) => f !== undefined) as ((ctx: never) => void | Promise<void>)[]
    if (fns.length === 0) continue
    const chained = async (ctx: never): Promise<void> => {
      for (const fn of fns) await fn(ctx)
    }
    ;(out as Record<HookName, unknown>)[name] = chained
  }
  return out
}
