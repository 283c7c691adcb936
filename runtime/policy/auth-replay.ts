export interface ReplayFacts {
  status: number
  /** Credentials were applied to this attempt (its origin may receive them). */
  withAuth: boolean
  /** At least one of the call's strategies can refresh its credential. */
  refreshable: boolean
  /** The call already refreshed once: a second 401 is the answer. */
  refreshed: boolean
  /** The body can be sent again (not a stream). */
  replayable: boolean
}

/**
 * Whether a response is a reason to refresh credentials and send the request once more: a 401 to
 * an attempt that carried credentials, which can be refreshed, on a body that can be sent again,
 * once per call. The replay uses no retry (a stale token is not a failure of the server).
 */
export function shouldRefreshAndReplay(f: ReplayFacts): boolean {
  return f.status === 401 && f.withAuth && f.refreshable && !f.refreshed && f.replayable
}
