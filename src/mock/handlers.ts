import { createResponder, type MockReply, type Responder } from './responder'
import type { MockSpec } from './spec'

/** The parts of msw 2 the handlers use; passed in by the generated module, which imports `msw` itself. */
export interface MswApi<THandler> {
  http: { all(path: string, resolver: (info: { request: Request }) => Promise<Response | undefined>): THandler }
  HttpResponse: new (body: string | null, init: { status: number; headers: Record<string, string> }) => Response
}

export interface MockHandlerOptions {
  /**
   * Where the API is served: an absolute URL (`http://api.test/v1`) or a path (`/v1`, any origin).
   * @default the document's first server URL
   */
  baseUrl?: string
}

export interface MockHandlers<THandler> {
  handlers: THandler[]
  /** The shared state of these handlers (inject failures with `responder.fail(n)`). */
  responder: Responder
}

/**
 * msw handlers for one API: one catch-all under the API's base, routed by the shared responder, so
 * msw and the dev server agree on every answer. Requests for paths the document does not have fall
 * through to the next handler (and to msw's `onUnhandledRequest`).
 */
export function createMockHandlers<THandler>(spec: MockSpec, msw: MswApi<THandler>, options: MockHandlerOptions = {}): MockHandlers<THandler> {
  const responder = createResponder(spec)
  const base = options.baseUrl ?? spec.server
  const absolute = /^[a-z][a-z\d+.-]*:\/\//i.test(base)
  const basePath = (absolute ? new URL(base).pathname : base).replace(/\/+$/, '')
  const pattern = absolute ? `${base.replace(/\/+$/, '')}/*` : `*${basePath}/*`
  const handler = msw.http.all(pattern, async ({ request }) => {
    const url = new URL(request.url)
    if (!url.pathname.startsWith(basePath)) return undefined
    const body = request.body === null ? undefined : await request.text()
    const reply = responder.handle({
      method: request.method,
      path: url.pathname.slice(basePath.length) || '/',
      query: url.searchParams,
      headers: Object.fromEntries([...request.headers].map(([k, v]) => [k.toLowerCase(), v])),
      body,
    })
    return reply && toResponse(msw, reply)
  })
  return { handlers: [handler], responder }
}

function toResponse<T>(msw: MswApi<T>, reply: MockReply): Response {
  return new msw.HttpResponse(reply.body ?? null, { status: reply.status, headers: reply.headers })
}
