import { RUNTIME_ID, RUNTIME_INTERNAL_ID } from '../codegen/banner'
import { indexKey, jsLiteral, propertyKey, toCamelIdentifier, uniqueName } from '../codegen/literals'
import type { WsApiDef, WsMatcher, WsMessageDef, WsRole, WsSecurityDef } from '../../runtime/ws-api/types'
import type { AsyncApiModel, MessageModel, SecurityModel } from './model'

/** The document's runtime data, without its messages and code (see runtime/ws-api/types.ts, the contract). */
export function apiDef(model: AsyncApiModel): Omit<WsApiDef, 'auth' | 'fill' | 'security'> {
  const channels: WsApiDef['channels'] = {}
  for (const c of model.channels) {
    const parameters = Object.fromEntries(Object.entries(c.parameters).map(([k, p]) => [k, p.default === undefined ? {} : { default: p.default }]))
    channels[c.key] = { address: c.address, ...(Object.keys(parameters).length > 0 ? { parameters } : {}) }
  }
  return {
    title: model.title,
    // Only socket servers: one that is not (Slack's https) is never connected to nor trusted with credentials.
    servers: model.servers
      .filter((s) => s.url !== '')
      .map((s) => {
        const variables = Object.fromEntries(Object.entries(s.variables).map(([k, v]) => [k, v.default === undefined ? {} : { default: v.default }]))
        return { name: s.name, url: s.url, ...(Object.keys(variables).length > 0 ? { variables } : {}) }
      }),
    channels,
    ...(model.channel === undefined ? {} : { channel: model.channel }),
    inbound: model.inbound.length,
  }
}

/** Where the runtime places the credential: bearer and basic are `Authorization` headers with their scheme. */
export function securityDef(s: SecurityModel): Omit<WsSecurityDef, 'encode'> {
  if (s.kind === 'apiKey') return { name: s.name, in: s.in, param: s.param }
  return { name: s.name, in: 'header', param: 'Authorization', scheme: s.kind === 'basic' ? 'Basic ' : 'Bearer ' }
}

/** The `security` member of the document data: basic schemes reference `wsBasic` (`$basic`), which encodes the credential. */
function securityCode(model: AsyncApiModel): string {
  const schemes = model.security.map((s) => {
    const data = jsLiteral(securityDef(s))
    return s.kind === 'basic' ? `${data.slice(0, -1)},encode:$basic}` : data
  })
  return `security:[${schemes.join(',')}]`
}

/** One message the client sends or receives, with the identifier of its export. */
export interface MessageExport {
  message: MessageModel
  id: string
  roles: WsRole[]
  /** The data part of its `WsMessageDef` (the send and request functions and the replies are code). */
  def: Omit<WsMessageDef, 'out' | 'replies' | 'request'>
  send: boolean
  replies?: string[]
}

/**
 * The messages with a role for the client, in document order, each with a value export named after
 * it (`hello`, `ping`), kept clear of the module's own names.
 */
export function messageExports(model: AsyncApiModel): MessageExport[] {
  const taken = new Set(['connect', 'connectWith', 'default', '__default'])
  const inbound = new Set(model.inbound)
  const sends = new Map(model.send.map((s) => [s.message, s]))
  const out: MessageExport[] = []
  for (const m of model.messages) {
    const send = sends.get(m.name)
    if (!inbound.has(m.name) && !send) continue
    const def: MessageExport['def'] = { name: m.name }
    if (inbound.has(m.name)) {
      const matcher: WsMatcher = {}
      if (m.matcher.prop !== undefined) {
        matcher.prop = m.matcher.prop
        matcher.values = m.matcher.values ?? []
      } else if (m.matcher.type) matcher.type = m.matcher.type
      def.in = matcher
    }
    if (m.text) def.text = true
    const request = send?.reply !== undefined
    if (request && m.correlation !== undefined) def.correlation = m.correlation
    const roles: WsRole[] = [...(inbound.has(m.name) ? ['receive' as const] : []), ...(send ? ['send' as const] : []), ...(request ? ['request' as const] : [])]
    out.push({
      message: m,
      id: uniqueName(toCamelIdentifier(m.name, 'message'), taken),
      roles,
      def,
      send: send !== undefined,
      ...(request ? { replies: send.reply } : {}),
    })
  }
  return out
}

/**
 * `virtual:api/<name>` for an AsyncAPI document: one export per message (plain object literals, so
 * a bundler keeps only the ones an app imports: issue 14), `connectWith(messages, options)` for a
 * connection with those, and `connect(options)` with all of them.
 */
export function buildWsModule(model: AsyncApiModel): string {
  if (model.noClient) {
    return `${BANNER}\n// ${model.noClient.replace(/[\r\n]/g, ' ')}\nexport default {}\n`
  }
  const exports = messageExports(model)
  const ids = new Map(exports.map((e) => [e.message.name, e.id]))
  const imports = ['connectWsApi as $connect']
  // Runtime code a document needs only for some of its parts, referenced from its data only then.
  const code: string[] = []
  const placeholders = [...model.servers.map((s) => s.url), ...model.channels.map((c) => c.address)].some((t) => /\{[^{}]+\}/.test(t))
  if (placeholders) {
    imports.push('wsFill as $fill')
    code.push('fill:$fill')
  }
  if (model.security.length > 0) {
    imports.push('wsHandshakeAuth as $auth')
    if (model.security.some((s) => s.kind === 'basic')) imports.push('wsBasic as $basic')
    code.push(securityCode(model), 'auth:$auth')
  }
  if (exports.some((e) => e.send)) imports.push('wsSend as $send')
  if (exports.some((e) => e.replies)) imports.push('wsRequest as $request')
  const data = jsLiteral(apiDef(model))
  const lines = [
    BANNER,
    `import { ${imports.join(', ')} } from ${jsLiteral(RUNTIME_INTERNAL_ID)}`,
    '',
    `/** @type {import(${jsLiteral(RUNTIME_INTERNAL_ID)}).WsApiDef} */`,
    `const $api = ${code.length > 0 ? `${data.slice(0, -1)},${code.join(',')}}` : data}`,
    '',
  ]
  for (const e of exports) {
    const fields = jsLiteral(e.def).slice(1, -1)
    let code = e.send ? ', out: $send' : ''
    if (e.replies) {
      const replies = e.replies.map((r) => ids.get(r)).filter((r) => r !== undefined)
      code += `, replies: () => [${replies.join(', ')}], request: $request`
    }
    // The JSDoc type keeps checkJs from widening `"string"` and `true` in the literal.
    lines.push(`/** @type {import(${jsLiteral(RUNTIME_INTERNAL_ID)}).WsMessageDef} */`, `export const ${e.id} = { ${fields}${code} }`)
  }
  lines.push(
    '',
    `/** @param {import(${jsLiteral(RUNTIME_INTERNAL_ID)}).WsMessageDef[]} messages @param {import(${jsLiteral(RUNTIME_INTERNAL_ID)}).WsApiConnectOptions} [options] */`,
    'export function connectWith(messages, options) {',
    '  return $connect($api, messages, options ?? {})',
    '}',
    '',
    // One array for every connection `connect` opens: the hot variant rewrites it in place when the
    // document changes, so open connections route a message the edit added (src/asyncapi/hot.ts).
    `/** @type {import(${jsLiteral(RUNTIME_INTERNAL_ID)}).WsMessageDef[]} */`,
    `const $all = [${exports.map((e) => e.id).join(', ')}]`,
    `/** @param {import(${jsLiteral(RUNTIME_INTERNAL_ID)}).WsApiConnectOptions} [options] */`,
    'export function connect(options) {',
    '  return $connect($api, $all, options ?? {})',
    '}',
    '',
    'export default { connect, connectWith }',
    '',
  )
  return lines.join('\n')
}

const BANNER = '// Generated by @codomyrmex/networking from an AsyncAPI document. Do not edit.'

export const QUERY_ROOT = (channel: string): string => `query:${channel}`
export const HEADERS_ROOT = (channel: string): string => `headers:${channel}`

/**
 * The declarations of the module (for `declare module 'virtual:api/<name>'` or a standalone file).
 * `types` is openapi-typescript's `components` for the payloads and binding schemas.
 */
export function buildWsDeclarations(model: AsyncApiModel, types: string, ambient: boolean): string {
  const schema = (name: string): string => `components["schemas"]${indexKey(name)}`
  const byName = new Map(model.messages.map((m) => [m.name, m]))
  const typeOf = (name: string): string => (byName.get(name) as MessageModel).type
  const out: string[] = [
    `import type { WsApiConnection as __Connection } from ${jsLiteral(RUNTIME_ID)}`,
    `import type { BasicCredential as __Basic, TokenProvider as __Token, WsApiBaseOptions as __Base, WsConnectionOf as __ConnectionOf, WsMessage as __Message } from ${jsLiteral(RUNTIME_INTERNAL_ID)}`,
    '',
    types.trimEnd(),
    '',
  ]
  for (const m of model.messages) {
    out.push(`/** Payload of message \`${m.name.replace(/\*\//g, '')}\`. */`)
    out.push(`export type ${m.type} = ${m.payload ? schema(m.type) : 'unknown'}`)
  }
  const members = (entries: Array<[string, string]>, optional = false): string =>
    entries.length > 0 ? `{\n${entries.map(([k, v]) => `  ${propertyKey(k)}${optional ? '?' : ''}: ${v}`).join('\n')}\n}` : '{}'
  out.push(
    '',
    '/** Messages the client receives, by the name `receive()` takes. */',
    `export interface Messages ${members(model.inbound.map((n) => [n, typeOf(n)]))}`,
    '/** Messages the client sends: `send.<name>(payload)`. */',
    `export interface SendPayloads ${members(model.send.map((s) => [s.message, typeOf(s.message)]))}`,
    '/** Sends that have a reply: `request.<name>(payload)` resolves with one of the replies. */',
    `export interface Requests ${members(model.send.filter((s) => s.reply).map((s) => [s.message, `{ request: ${typeOf(s.message)}; reply: ${(s.reply ?? []).map(typeOf).join(' | ') || 'never'} }`]))}`,
  )
  if (model.noClient) {
    out.push('', `${ambient ? '' : 'declare '}const __default: {}`, 'export default __default')
    return `${out.join('\n')}\n`
  }
  const literalUnion = (values: string[] | undefined): string => (values && values.length > 0 ? values.map(jsLiteral).join(' | ') : 'string')
  const params = new Map<string, string>()
  for (const c of model.channels) for (const [k, p] of Object.entries(c.parameters)) params.set(k, p.enum ? literalUnion(p.enum) : 'string | number')
  const vars = new Map<string, string>()
  for (const s of model.servers) for (const [k, v] of Object.entries(s.variables)) vars.set(k, literalUnion(v.enum))
  // Partial: openapi-typescript makes members with a default required (right for what a server
  // sends); in a handshake the server applies its defaults to what the client leaves out.
  const queries = model.channels.filter((c) => c.query).map((c) => `Partial<${schema(QUERY_ROOT(c.key))}>`)
  const headers = model.channels.filter((c) => c.headers).map((c) => `Partial<${schema(HEADERS_ROOT(c.key))}>`)
  const auth = model.security.map((s): [string, string] => [s.name, s.kind === 'basic' ? '__Basic' : '__Token'])
  const socketServers = model.servers.filter((s) => s.url !== '')
  out.push(
    `export type Channel = ${model.channels.map((c) => jsLiteral(c.key)).join(' | ') || 'never'}`,
    `export type Server = ${model.servers.map((s) => jsLiteral(s.name)).join(' | ') || 'never'}`,
    `export interface Parameters ${members([...params], true)}`,
    `export interface Variables ${members([...vars], true)}`,
    `export type Query = ${queries.join(' | ') || 'Record<string, string | number | boolean>'}`,
    `export type Headers = ${headers.join(' | ') || 'Record<string, string>'}`,
    `export interface Auth ${members(auth, true)}`,
    '',
    "/** What `connect()` takes: where to connect (the document's server, or `url`), the handshake, and the client policy. */",
    'export interface ConnectOptions extends __Base<keyof SendPayloads & string, keyof Messages & string> {',
    socketServers.length > 0 ? '  url?: string' : '  /** The document names no WebSocket server: the socket URL is needed. */\n  url: string',
    '  server?: Server',
    '  variables?: Variables',
    '  channel?: Channel',
    '  parameters?: Parameters',
    '  query?: Query',
    '  headers?: Headers',
    '  auth?: Auth',
    '}',
    'export type Connection = __Connection<Messages, SendPayloads, Requests>',
    '',
  )
  const title = model.title.replace(/\*\//g, '').replace(/[\r\n]+/g, ' ')
  for (const e of messageExports(model)) {
    out.push(`/** Message \`${e.message.name.replace(/\*\//g, '')}\` (${e.roles.join(', ')}): pass it to \`connectWith\`. */`)
    out.push(`export ${ambient ? '' : 'declare '}const ${e.id}: __Message<${jsLiteral(e.message.name)}, ${e.roles.map(jsLiteral).join(' | ')}>`)
  }
  const optional = socketServers.length > 0 ? '?' : ''
  out.push(
    '',
    `/** Opens a connection to ${title} with every message of the document; resolves once it is open. */`,
    `export function connect(options${optional}: ConnectOptions): Promise<Connection>`,
    `/** Opens a connection to ${title} that knows only \`messages\` (imported from this module): an app bundles no other message. */`,
    `export function connectWith<M extends readonly __Message[]>(messages: M, options${optional}: ConnectOptions): Promise<__ConnectionOf<M[number], Messages, SendPayloads, Requests>>`,
    `${ambient ? '' : 'declare '}const __default: { connect: typeof connect; connectWith: typeof connectWith }`,
    'export default __default',
  )
  return `${out.join('\n')}\n`
}
