import { NetworkingError } from '../errors/networking-error'

/** The origin's circuit breaker is open: the request was not sent. */
export class CircuitOpenError extends NetworkingError {
  override name = 'CircuitOpenError'
  constructor(
    readonly origin: string,
    /** Epoch ms when the breaker lets a probe through again. */
    readonly retryAt: number,
  ) {
    super(`Circuit open for ${origin}: too many failures, not sending until ${new Date(retryAt).toISOString()}`, {
      code: 'ERR_CIRCUIT_OPEN',
    })
  }
}

/**
 * The network manager was closed (`closeAll()`) while the request was queued or in flight, or it
 * was made afterwards. Its name is `AbortError`, so code that handles aborts handles this too.
 */
export class ManagerClosedError extends NetworkingError {
  override name = 'AbortError'
  constructor(
    readonly client: string,
    detail: string,
    options: { cause?: unknown } = {},
  ) {
    super(`Network manager closed: client "${client}" ${detail}`, { code: 'ERR_MANAGER_CLOSED', cause: options.cause })
  }
}

/** The request `closeAll()` aborted, named. */
export const abortedByClose = (client: string, method: string, url: string, cause?: unknown): ManagerClosedError =>
  new ManagerClosedError(client, `${method} ${url}: aborted by closeAll()`, { cause })

/** The manager's own error (closed, breaker open) in `error`'s cause chain, if any. */
export function managerError(error: unknown): CircuitOpenError | ManagerClosedError | undefined {
  for (let e = error, depth = 0; e && typeof e === 'object' && depth < 5; e = (e as { cause?: unknown }).cause, depth++) {
    if (e instanceof CircuitOpenError || e instanceof ManagerClosedError) return e
  }
  return undefined
}

/** `get(name)` named a client the manager does not hold. */
export class UnknownClientError extends NetworkingError {
  override name = 'UnknownClientError'
  constructor(
    readonly client: string,
    known: string[],
  ) {
    super(`Network manager: no client named "${client}" (known: ${known.join(', ') || 'none'})`, {
      code: 'ERR_UNKNOWN_CLIENT',
    })
  }
}

/**
 * The shared origin store (Redis) is unreachable and was set to fail closed: the request was not
 * sent. Thrown at once while the store is down, never after more than the store's `timeout`.
 */
export class StoreUnavailableError extends NetworkingError {
  override name = 'StoreUnavailableError'
  constructor(
    /** The store's kind, e.g. `redis`. */
    readonly store: string,
    readonly origin: string,
    detail: string,
    options: { cause?: unknown } = {},
  ) {
    super(`Origin store "${store}" unavailable for ${origin}: ${detail}; failing closed (the request was not sent)`, {
      code: 'ERR_STORE_UNAVAILABLE',
      cause: options.cause,
    })
  }
}
