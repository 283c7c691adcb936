import type { WsApiConnectOptions, WsApiDef } from './types'
import { WsApiUrlError } from './errors'

/**
 * The socket URL: the chosen server (or `url`) with its variables filled, then the channel address
 * with its parameters percent-encoded, then the handshake query. Pure.
 */
export function socketUrl(api: WsApiDef, options: WsApiConnectOptions): { url: string; channel: string } {
  const channelKey = options.channel ?? api.channel ?? Object.keys(api.channels)[0]
  const channel = channelKey === undefined ? undefined : api.channels[channelKey]
  if (options.channel !== undefined && !channel)
    throw new WsApiUrlError(api.title, `no channel "${options.channel}" (channels: ${Object.keys(api.channels).join(', ')})`)
  let base = options.url
  if (base === undefined) {
    const server = options.server === undefined ? api.servers[0] : api.servers.find((s) => s.name === options.server)
    if (!server) {
      throw new WsApiUrlError(
        api.title,
        options.server === undefined
          ? 'the document names no WebSocket server: pass `url`'
          : `no server "${options.server}" (servers: ${api.servers.map((s) => s.name).join(', ')})`,
      )
    }
    if (server.url === '') throw new WsApiUrlError(api.title, `server "${server.name}" is not a WebSocket URL: pass the socket URL as \`url\``)
    base = fill(server.url, server.variables ?? {}, options.variables ?? {}, (name) => `server variable "${name}"`, api.title, false)
  }
  const address = channel
    ? fill(channel.address, channel.parameters ?? {}, options.parameters ?? {}, (name) => `channel parameter "${name}"`, api.title, true)
    : ''
  const url = new URL(join(base, address), pageOrigin(base, api.title))
  for (const [key, value] of Object.entries(options.query ?? {})) {
    if (value !== undefined && value !== null) url.searchParams.set(key, typeof value === 'object' ? JSON.stringify(value) : String(value))
  }
  return { url: url.href, channel: channelKey ?? '' }
}

/**
 * A path as the base (`/__api/<name>`, the Vite dev mock) is on the page's own origin, as ws: or
 * wss:. Outside a page there is no origin to read it against.
 */
function pageOrigin(base: string, api: string): string | undefined {
  if (!base.startsWith('/')) return undefined
  const href = (globalThis as { location?: { href?: string } }).location?.href
  if (typeof href !== 'string' || !/^https?:/.test(href))
    throw new WsApiUrlError(api, `the socket URL ${base} is a path, which needs a page to resolve against: pass an absolute \`url\``)
  return href.replace(/^http/, 'ws')
}

function fill(
  template: string,
  defaults: Record<string, { default?: string }>,
  given: Record<string, string | number>,
  what: (name: string) => string,
  api: string,
  encode: boolean,
): string {
  return template.replace(/\{([^{}]+)\}/g, (_, name: string) => {
    const value = given[name] ?? defaults[name]?.default
    if (value === undefined) throw new WsApiUrlError(api, `${what(name)} has no value and no default`)
    return encode ? encodeURIComponent(String(value)) : String(value)
  })
}

/** `wss://h/raw` + `/` stays `wss://h/raw`; `wss://h` + `{symbol}` gives `wss://h/btcusd`. */
function join(base: string, address: string): string {
  const path = address.replace(/^\/+/, '')
  if (path === '') return base
  return `${base.replace(/\/+$/, '')}/${path}`
}
