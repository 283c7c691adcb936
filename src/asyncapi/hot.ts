import { jsLiteral } from '../codegen/literals'

/** What an AsyncAPI client's hot variant tells the dev server once the page runs a new document. */
export const WS_REFRESH_EVENT = 'codomyrmex:ws-refresh'

/**
 * Vite dev only: the AsyncAPI module with a self-accepting footer. Importers and open connections
 * hold the first module instance's document data (`$api`: servers, messages, routing); each new
 * instance writes its own data into that object, so `connect` and every open connection route by
 * the new document without a reload. The module exports the same names for every document
 * (`connect`, `default`), so an update never needs the importers to re-run. Then the dev mock is
 * asked to restart the API's sockets: they reconnect to a mock that plays the new document only
 * after the page can route it. The `send` methods of an open connection are the ones it was
 * opened with (a new send message needs a new connection).
 */
export function wsHotModule(code: string, api: string): string {
  // A document with no WebSocket client has no `$api`: nothing to keep, only accept.
  if (!code.includes('const $api =')) return `${code}if (import.meta.hot) import.meta.hot.accept()\n`
  return `${code}if (import.meta.hot) {
  const $first = import.meta.hot.data.api
  if ($first && $first !== $api) {
    for (const key of Object.keys($first)) delete $first[key]
    Object.assign($first, $api)
    import.meta.hot.send(${jsLiteral(WS_REFRESH_EVENT)}, { api: ${jsLiteral(api)} })
  } else import.meta.hot.data.api = $api
  import.meta.hot.accept()
}
`
}
