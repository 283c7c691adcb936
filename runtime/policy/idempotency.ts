import type { HttpMethod } from '../api/types'

/** RFC 9110 §9.2.2: repeating these has the same effect as sending once. */
const IDEMPOTENT = new Set<string>(['GET', 'HEAD', 'OPTIONS', 'PUT', 'DELETE', 'TRACE'])

export interface IdempotencyFacts {
  method: HttpMethod | string
  /** The operation is marked idempotent (document `x-idempotent`, or the caller's `idempotent: true`). */
  idempotent?: boolean | undefined
  /** An `Idempotency-Key` header goes out with every attempt. */
  hasIdempotencyKey?: boolean | undefined
}

/** Whether a request may be repeated after it may have reached the server. */
export function isReplaySafe(facts: IdempotencyFacts): boolean {
  return IDEMPOTENT.has(facts.method.toUpperCase()) || facts.idempotent === true || facts.hasIdempotencyKey === true
}

/**
 * The `Idempotency-Key` a call sends: the call's own (`true`: generate one), else, with the
 * client-wide `idempotencyKeys`, a generated one for every method that is not safe to repeat (so
 * POST and PATCH may be retried); undefined sends none.
 */
export function idempotencyKeyFor(method: string, callKey: string | true | undefined, clientWide: boolean | undefined): string | true | undefined {
  return callKey ?? (clientWide && !isReplaySafe({ method }) ? true : undefined)
}

/** A fresh key for one logical request, reused on every attempt of it. */
export function newIdempotencyKey(): string {
  const c = globalThis.crypto
  // randomUUID exists only in secure contexts in browsers; getRandomValues exists everywhere.
  if (typeof c?.randomUUID === 'function') return c.randomUUID()
  const bytes = c.getRandomValues(new Uint8Array(16))
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('')
}
