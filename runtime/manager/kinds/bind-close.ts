import { abortedByClose, ManagerClosedError, managerError } from '../errors'
import { follower } from '../signals'

/**
 * Makes every call of a client follow `closeAll()`, including the wait between retries: the
 * manager's fetch can abort an attempt, but not the HTTP client's backoff sleep, which only the
 * call's own signal ends. Each call gets a signal that is the caller's (if any) merged with the
 * manager's close signal, and an abort caused by the close is reported as `ManagerClosedError`.
 */

type WithSignal = { signal?: AbortSignal } | undefined

/**
 * The calls in progress, aborted by closeAll(). A set rather than listeners on the close signal:
 * with many calls at once, Node warns past ten listeners on one AbortSignal.
 */
export type CallSet = Set<AbortController>

/** Keeps a call's controller abortable by closeAll() while `holder` (a stream it returned) is reachable. */
export type Retain = (controller: AbortController, holder: object, unlink: () => void) => void

/** The stream a call handed back (`responseType: 'stream'` or `'sse'`), which outlives the call. */
function streamOf(result: unknown): object | undefined {
  for (const value of [result, (result as { data?: unknown } | undefined)?.data]) {
    if (value instanceof ReadableStream) return value
    if (value && typeof value === 'object' && Symbol.asyncIterator in value) return value
  }
  return undefined
}

function follow(options: WithSignal, calls: CallSet, close: AbortSignal): { options: WithSignal; controller?: AbortController; done: () => void } {
  if (close.aborted) return { options: { ...options, signal: close }, done: () => {} }
  const { controller, unlink } = follower(options?.signal)
  calls.add(controller)
  return {
    options: { ...options, signal: controller.signal },
    controller,
    done: () => {
      calls.delete(controller)
      unlink?.()
    },
  }
}

/** After closeAll(), the client's abort error (its cause is the close) becomes the manager's, naming the request. */
export function closedError(error: unknown, client: string, close: AbortSignal): unknown {
  const own = close.aborted ? managerError(error) : undefined
  if (!(own instanceof ManagerClosedError)) return error
  if (own !== close.reason) return own
  const { method, url } = error as { method?: unknown; url?: unknown }
  return typeof method === 'string' && typeof url === 'string' ? abortedByClose(client, method, url, error) : own
}

type AsyncFn = (...args: never[]) => Promise<unknown>

/** `fn` with its argument at `at` (an options object) given the merged signal. */
export interface CloseLink {
  client: string
  calls: CallSet
  close: AbortSignal
  retain: Retain
}

export function followingClose<F extends AsyncFn>(fn: F, at: number, link: CloseLink): F {
  const wrapped = async (...args: unknown[]): Promise<unknown> => {
    const linked = follow(args[at] as WithSignal, link.calls, link.close)
    const next = args.slice()
    next[at] = linked.options
    let kept = false
    try {
      const result = await (fn as unknown as (...a: unknown[]) => Promise<unknown>)(...next)
      // A returned stream is still fed through this call's signal: keep it abortable by closeAll().
      const stream = linked.controller && streamOf(result)
      if (stream) {
        link.calls.delete(linked.controller!)
        link.retain(linked.controller!, stream, linked.done)
        kept = true
      }
      return result
    } catch (error) {
      throw closedError(error, link.client, link.close)
    } finally {
      if (!kept) linked.done()
    }
  }
  return wrapped as unknown as F
}

/**
 * A generated client's tree with every operation (and its `.safe`) following closeAll(); groups
 * are walked, anything else is kept as is.
 */
export function treeFollowingClose<T>(tree: T, link: CloseLink, seen = new Map<object, unknown>()): T {
  if (typeof tree === 'function' && 'def' in tree && typeof (tree as { safe?: unknown }).safe === 'function') {
    const op = tree as unknown as AsyncFn & { def: unknown; safe: AsyncFn }
    const fn = followingClose(op, 1, link)
    Object.defineProperties(fn, { def: { value: op.def }, safe: { value: followingClose(op.safe, 1, link) } })
    return fn as unknown as T
  }
  if (tree && typeof tree === 'object' && Object.getPrototypeOf(tree) === Object.prototype) {
    if (seen.has(tree)) return seen.get(tree) as T
    const out: Record<string, unknown> = {}
    seen.set(tree, out)
    for (const [key, value] of Object.entries(tree)) out[key] = treeFollowingClose(value, link, seen)
    return out as T
  }
  return tree
}
