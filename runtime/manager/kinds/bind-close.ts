import { ManagerClosedError } from '../errors'

/**
 * Makes every call of a client follow `closeAll()`, including the wait between retries: the
 * manager's fetch can abort an attempt, but not the HTTP client's backoff sleep, which only the
 * call's own signal ends. Each call gets a signal that is the caller's (if any) merged with the
 * manager's close signal, and an abort caused by the close is reported as `ManagerClosedError`.
 */

type WithSignal = { signal?: AbortSignal } | undefined

function follow(options: WithSignal, close: AbortSignal): { options: WithSignal; done: () => void } {
  const own = options?.signal
  if (!own || close.aborted) return { options: { ...options, signal: close }, done: () => {} }
  const controller = new AbortController()
  const onOwn = (): void => controller.abort(own.reason)
  const onClose = (): void => controller.abort(close.reason)
  if (own.aborted) onOwn()
  own.addEventListener('abort', onOwn, { once: true })
  close.addEventListener('abort', onClose, { once: true })
  return {
    options: { ...options, signal: controller.signal },
    done: () => {
      own.removeEventListener('abort', onOwn)
      close.removeEventListener('abort', onClose)
    },
  }
}

/** After closeAll(), the client's abort error (its cause is the close) becomes the manager's, naming the request. */
export function closedError(error: unknown, client: string, close: AbortSignal): unknown {
  if (!close.aborted) return error
  let own: ManagerClosedError | undefined
  for (let e = error, depth = 0; e && typeof e === 'object' && depth < 5; e = (e as { cause?: unknown }).cause, depth++) {
    if (e instanceof ManagerClosedError) {
      own = e
      break
    }
  }
  if (!own) return error
  if (own !== close.reason) return own
  const { method, url } = error as { method?: unknown; url?: unknown }
  return typeof method === 'string' && typeof url === 'string'
    ? new ManagerClosedError(client, `${method} ${url}: aborted by closeAll()`, { cause: error })
    : own
}

type AsyncFn = (...args: never[]) => Promise<unknown>

/** `fn` with its argument at `at` (an options object) given the merged signal. */
export function followingClose<F extends AsyncFn>(fn: F, at: number, client: string, close: AbortSignal): F {
  const wrapped = async (...args: unknown[]): Promise<unknown> => {
    const linked = follow(args[at] as WithSignal, close)
    const next = args.slice()
    next[at] = linked.options
    try {
      return await (fn as unknown as (...a: unknown[]) => Promise<unknown>)(...next)
    } catch (error) {
      throw closedError(error, client, close)
    } finally {
      linked.done()
    }
  }
  return wrapped as unknown as F
}

/**
 * A generated client's tree with every operation (and its `.safe`) following closeAll(); groups
 * are walked, anything else is kept as is.
 */
export function treeFollowingClose<T>(tree: T, client: string, close: AbortSignal, seen = new Map<object, unknown>()): T {
  if (typeof tree === 'function' && 'def' in tree && typeof (tree as { safe?: unknown }).safe === 'function') {
    const op = tree as unknown as AsyncFn & { def: unknown; safe: AsyncFn }
    const fn = followingClose(op, 1, client, close)
    Object.defineProperties(fn, { def: { value: op.def }, safe: { value: followingClose(op.safe, 1, client, close) } })
    return fn as unknown as T
  }
  if (tree && typeof tree === 'object' && Object.getPrototypeOf(tree) === Object.prototype) {
    if (seen.has(tree)) return seen.get(tree) as T
    const out: Record<string, unknown> = {}
    seen.set(tree, out)
    for (const [key, value] of Object.entries(tree)) out[key] = treeFollowingClose(value, client, close, seen)
    return out as T
  }
  return tree
}
