import { WsApiUrlError } from './errors'
import type { WsApiConnectOptions, WsApiDef } from './types'

/**
 * The socket URL: the chosen server (or `url`) with its variables filled, then the channel address
 * with its parameters percent-encoded, then the handshake query. Pure.
 */
export function socketUrl(api: WsApiDef, options: WsApiConnectOptions): string {
  const { channels, servers } = api
  const fail = (detail: string): never => {
    throw new WsApiUrlError(api.title, detail)
  }
  const fill = api.fill ?? ((template: string) => template)
  const key = options.channel ?? api.channel ?? Object.keys(channels)[0]
  const channel = key === undefined ? undefined : channels[key]
  if (options.channel !== undefined && !channel) fail(`no channel "${options.channel}" (channels: ${Object.keys(channels).join(', ')})`)
  let base = options.url
  if (base === undefined) {
    const name = options.server
    const server =
      (name === undefined ? servers[0] : servers.find((s) => s.name === name)) ??
      fail(
        name === undefined
          ? 'the document names no WebSocket server: pass `url`'
          : `no WebSocket server "${name}" (servers: ${servers.map((s) => s.name).join(', ') || 'none'})`,
      )
    base = fill(server.url, 'server variable', fail, server.variables, options.variables)
  }
  // `wss://h/raw` + `/` stays `wss://h/raw`; `wss://h` + `{symbol}` gives `wss://h/btcusd`.
  const path = channel ? fill(channel.address, 'channel parameter', fail, channel.parameters, options.parameters).replace(/^\/+/, '') : ''
  let url: URL
  try {
    // A path (the Vite dev mock's `/__api/<name>`) is on the page's own origin, as ws: or wss:.
    url = new URL(
      path === '' ? base : `${base.replace(/\/+$/, '')}/${path}`,
      (globalThis as { location?: { href: string } }).location?.href.replace(/^http/, 'ws'),
    )
  } catch {
    return fail(`the socket URL ${base} is not absolute, and there is no page to resolve it against: pass an absolute \`url\``)
  }
  for (const [name, value] of Object.entries(options.query ?? {})) {
    if (value != null) url.searchParams.set(name, typeof value === 'object' ? JSON.stringify(value) : String(value))
  }
  return url.href
}

/**
 * `{name}` placeholders of a server URL or channel address from `given`, else the document's
 * default; channel parameters are percent-encoded. Generated modules reference it (`fill` of their
 * `WsApiDef`) only when a server or channel of the document has placeholders.
 */
export function wsFill(
  template: string,
  what: 'server variable' | 'channel parameter',
  fail: (detail: string) => never,
  defaults: Record<string, { default?: string }> = {},
  given: Record<string, string | number> = {},
): string {
  return template.replace(/\{([^{}]+)\}/g, (_, name: string) => {
    const value = given[name] ?? defaults[name]?.default ?? fail(`${what} "${name}" has no value and no default`)
    return what[0] === 's' ? String(value) : encodeURIComponent(value)
  })
}
