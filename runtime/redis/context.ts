import { StoreUnavailableError } from '../manager/errors'
import type { Connection } from './connection'

/** What every part of one origin shares: the connection, the outage policy and who this process is. */
export interface PartContext {
  readonly connection: Connection
  readonly origin: string
  /** Unique per store instance: names this process's leases and probe. */
  readonly id: string
  readonly failClosed: boolean
  now(): number
}

/**
 * The store could not decide: fail closed (a typed error, at once) or fail open (the local part
 * decides, counted). `local` runs only when failing open.
 */
export function outage<T>(ctx: PartContext, error: unknown, local: () => T): T {
  if (ctx.failClosed) {
    ctx.connection.refused()
    throw new StoreUnavailableError('redis', ctx.origin, ctx.connection.lastError ?? 'not answering', { cause: error })
  }
  ctx.connection.fellBack()
  return local()
}

/** A script's number reply (Lua numbers come back as strings to keep their fractions). */
export const num = (value: unknown): number => Number(value)

/** Fire-and-forget: a failure is already counted and logged by the connection. */
export const ignore = (): void => {}
