import type { WsApiConnectOptions, WsApiDef } from './types'
import { WsApiUrlError } from './errors'

/**
 * The socket URL: the chosen server (or `url`) with its variables filled, then the channel address
 * with its parameters percent-encoded, then the handshake query. Pure.
 */
export function socketUrl(api: WsApiDef, options: WsApiConnectOptions): { url: string; channel: string } {
  const { channels, servers } = api
  const fail = (detail: string): never => {
    throw new WsApiUrlError(api.title, detail)
  }
  /** `{name}` placeholders from `given`, else the document's default. */
  const fill = (template: string, defaults: Record<string, { default?: string }> = {}, given: Record<string, string | number> = {}, what: string): string =>
    template.replace(/\{([^{}]+)\}/g, (_, name: string) => {
      const value = given[name] ?? defaults[name]?.default ?? fail(`${what} "${name}" has no value and no default`)
      return what === 'server variable' ? String(value) : encodeURIComponent(value)
    })
  const key = options.channel ?? api.channel ?? Object.keys(channels)[0]
  const channel = key === undefined ? undefined : channels[key]
  if (options.channel !== undefined && !channel) fail(`no channel "${options.channel}" (channels: ${Object.keys(channels).join(', ')})`)
  let base = options.url
  if (base === undefined) {
    const server =
      (options.server === undefined ? servers[0] : servers.find((s) => s.name === options.server)) ??
      fail(
        options.server === undefined
          ? 'the document names no WebSocket server: pass `url`'
          : `no server "${options.server}" (servers: ${servers.map((s) => s.name).join(', ')})`,
      )
    if (server.url === '') fail(`server "${server.name}" is not a WebSocket URL: pass the socket URL as \`url\``)
    base = fill(server.url, server.variables, options.variables, 'server variable')
  }
  // `wss://h/raw` + `/` stays `wss://h/raw`; `wss://h` + `{symbol}` gives `wss://h/btcusd`.
  const path = channel ? fill(channel.address, channel.parameters, options.parameters, 'channel parameter').replace(/^\/+/, '') : ''
  const url = new URL(path === '' ? base : `${base.replace(/\/+$/, '')}/${path}`, pageOrigin(base, fail))
  for (const [name, value] of Object.entries(options.query ?? {})) {
    if (value != null) url.searchParams.set(name, typeof value === 'object' ? JSON.stringify(value) : String(value))
  }
  return { url: url.href, channel: key ?? '' }
}

/**
 * A path as the base (`/__api/<name>`, the Vite dev mock) is on the page's own origin, as ws: or
 * wss:. Outside a page there is no origin to read it against.
 */
function pageOrigin(base: string, fail: (detail: string) => never): string | undefined {
  if (!base.startsWith('/')) return undefined
  const href = (globalThis as { location?: { href?: string } }).location?.href
  if (typeof href !== 'string' || !/^https?:/.test(href))
    fail(`the socket URL ${base} is a path, which needs a page to resolve against: pass an absolute \`url\``)
  return (href as string).replace(/^http/, 'ws')
}
