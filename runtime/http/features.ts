import { formUrlEncoded, multipart } from '../api/forms'
import { apiAuth } from '../auth/api-auth'
import { checkSchemeCredentials, strategyFor } from '../auth/from-scheme'
import { oauth2 } from '../auth/oauth2'
import { parseEventStream, type ServerSentEvent } from './sse'
import { credentials, type CredentialsFeature } from './credentials'

/**
 * Optional parts of the runtime, passed in rather than imported, so a bundle only carries what its
 * document needs: a generated module imports the features its document uses and hands them to
 * `createApiCore`; `createApi` takes all of them, `createHttpClient` the credentials and SSE plus
 * those passed as its second argument, `createHttpCore` only those passed.
 */
export interface RuntimeFeatures {
  /** Parses `text/event-stream` bodies. Without it an event stream comes back as a raw `ReadableStream`. */
  sse?: (body: ReadableStream<Uint8Array>) => AsyncIterable<ServerSentEvent>
  /** Turns a document's security scheme and a credential into a strategy (needed when the document has security). */
  scheme?: typeof strategyFor
  /** Refuses, at `configure()`/`createClient()`, credentials that cannot be placed as their scheme says. */
  checkAuth?: typeof checkSchemeCredentials
  /** Sends credentials: the origins that may receive them, applying strategies, the refresh after a 401 (part of `authFeature`). */
  credentials?: CredentialsFeature
  /** A generated API's credentials: the strategies each operation sends and the origins they may go to (part of `authFeature`). */
  apiAuth?: typeof apiAuth
  /** OAuth2 client credentials / refresh token grants from credential objects. */
  oauth2?: typeof oauth2
  /** Encodes `application/x-www-form-urlencoded` and `multipart/*` bodies from objects of fields. */
  forms?: { urlencoded: typeof formUrlEncoded; multipart: typeof multipart }
}

/** Server-sent events: `text/event-stream` responses as an async iterator of events. */
export const sseFeature: RuntimeFeatures = { sse: parseEventStream }
/** Credentials placed as the document's security schemes say (bearer, basic, API keys). */
export const authFeature: RuntimeFeatures = { scheme: strategyFor, checkAuth: checkSchemeCredentials, credentials, apiAuth }
/** OAuth2 grants (client credentials, refresh token) from credential objects; needs `authFeature` too. */
export const oauth2Feature: RuntimeFeatures = { oauth2 }
const forms = { urlencoded: formUrlEncoded, multipart }
/** form-urlencoded and multipart request bodies built from objects of fields. */
export const formsFeature: RuntimeFeatures = { forms }
// Plain literals only (no spread, no member access): bundlers keep a statement they cannot prove
// pure, and a spread here kept OAuth2, forms and SSE in every bundle that imported one feature.
/** Every feature: what `createApi` uses. */
export const allFeatures: RuntimeFeatures = {
  sse: parseEventStream,
  scheme: strategyFor,
  checkAuth: checkSchemeCredentials,
  credentials,
  apiAuth,
  oauth2,
  forms,
}
