// One sleep for the whole runtime: the client's (abortable, on injectable timers).
export { sleep } from '../http/scope'

import { onAbort } from '../http/on-abort'

/** A controller that aborts when `signal` does (with its reason), and the function that unlinks them. */
export function follower(signal: AbortSignal | null | undefined): { controller: AbortController; unlink: (() => void) | undefined } {
  const controller = new AbortController()
  let unlink: (() => void) | undefined
  if (signal?.aborted) controller.abort(signal.reason)
  else if (signal) unlink = onAbort(signal, () => controller.abort(signal.reason))
  return { controller, unlink }
}
