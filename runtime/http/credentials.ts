import type { AuthStrategy } from '../auth/types'
import { shouldRefreshAndReplay, type ReplayFacts } from '../policy/auth-replay'
import { credentialOrigins } from '../policy/credential-origins'

/**
 * Sending credentials: which origins may receive them, applying the strategies to each attempt,
 * and the one refresh-and-replay after a 401. A runtime feature (part of `authFeature`, and of
 * `createHttpClient` and `createApi`), so a document without security schemes leaves it out.
 */
export interface CredentialsFeature {
  origins: typeof credentialOrigins
  /** Applies every strategy to one attempt's headers; returns the URL as sent (an API key may go in the query). */
  apply(strategies: readonly AuthStrategy[], href: string, headers: Headers): Promise<string>
  /**
   * After a response: undefined when the replay rule does not apply; otherwise the credentials were
   * refreshed (the response body cancelled) and the result says whether any changed (then replay).
   */
  refresh(
    strategies: readonly AuthStrategy[],
    response: Response,
    headers: Headers,
    facts: Omit<ReplayFacts, 'status' | 'refreshable'>,
  ): Promise<boolean | undefined>
}

export const credentials: CredentialsFeature = {
  origins: credentialOrigins,
  async apply(strategies, href, headers) {
    const req = { url: new URL(href), headers }
    for (const s of strategies) await s.apply(req)
    return req.url.href
  },
  async refresh(strategies, response, headers, facts) {
    const refreshers = response.status === 401 ? strategies.filter((s) => s.refresh) : []
    if (!shouldRefreshAndReplay({ ...facts, status: response.status, refreshable: refreshers.length > 0 })) return undefined
    await response.body?.cancel()
    let again = false
    for (const s of refreshers) again = (await s.refresh!(headers)) || again
    return again
  },
}
