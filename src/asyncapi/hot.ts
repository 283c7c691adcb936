import { jsLiteral } from '../codegen/literals'

/** What an AsyncAPI client's hot variant tells the dev server once the page runs a new document. */
export const WS_REFRESH_EVENT = 'codomyrmex:ws-refresh'

/**
 * Vite dev only: the AsyncAPI module with a self-accepting footer. Importers and open connections
 * hold the first module instance's objects: its document data (`$api`: servers, channels), its
 * message exports (routing data, one object per message) and the array of every message that
 * `connect` passes (`$all`). Each new instance writes its own data into those objects, refills
 * `$all` with the new document's messages (a message the edit added is in it, one it removed is
 * not) and bumps `$api.rev`, so open connections index their routing again from `$all` and route
 * by the new document without a reload; a `connectWith` connection keeps the messages it was given. The module exports the same names for every document it can
 * (`connect`, `default`, the messages), so an update never needs the importers to re-run. Then the
 * dev mock is asked to restart the API's sockets: they reconnect to a mock that plays the new
 * document only after the page can route it. The `send` methods of an open connection are the
 * ones it was opened with (a new send message needs a new connection).
 */
export function wsHotModule(code: string, api: string): string {
  // A document with no WebSocket client has no `$api`: nothing to keep, only accept.
  if (!code.includes('const $api =')) return `${code}if (import.meta.hot) import.meta.hot.accept()\n`
  // The generated module's own exports: identifiers made by messageExports (src/asyncapi/codegen.ts).
  const messages = [...code.matchAll(/^export const ([A-Za-z_$][\w$]*) = /gm)].map((m) => m[1])
  return `${code}if (import.meta.hot) {
  const $data = import.meta.hot.data
  const $messages = { ${messages.join(', ')} }
  const $renew = (old, next) => {
    for (const key of Object.keys(old)) delete old[key]
    Object.assign(old, next)
  }
  if ($data.api && $data.api !== $api) {
    const rev = ($data.api.rev ?? 0) + 1
    $renew($data.api, { ...$api, rev })
    const kept = new Map()
    for (const [id, next] of Object.entries($messages)) {
      if ($data.messages[id]) $renew($data.messages[id], next)
      else $data.messages[id] = next
      kept.set(next, $data.messages[id])
    }
    $data.all.splice(0, $data.all.length, ...$all.map((m) => kept.get(m)))
    import.meta.hot.send(${jsLiteral(WS_REFRESH_EVENT)}, { api: ${jsLiteral(api)} })
  } else {
    $data.api = $api
    $data.messages = $messages
    $data.all = $all
  }
  import.meta.hot.accept()
}
`
}
