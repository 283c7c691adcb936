import { toCamelIdentifier, toPascalIdentifier, uniqueName } from '../codegen/literals'
import type { Finding } from './validate'
import { deref, getPointer, isObject, pointerOf, type Json } from './json'
import { matcherFor, type MessageMatcher } from './matchers'

/** Whose side the document describes: AsyncAPI 3 has no field for it, and the client needs it. */
export type Perspective = 'client' | 'server'

export interface ServerModel {
  name: string
  /** `wss://host/path` with `{variable}` placeholders left in. */
  url: string
  variables: Record<string, { enum?: string[]; default?: string }>
  /** Security scheme names (keys of `securitySchemes` below). */
  security: string[]
}

export interface ChannelModel {
  key: string
  address: string
  parameters: Record<string, { enum?: string[]; default?: string }>
  /** Pointers to the ws binding's `query` and `headers` schemas. */
  query?: string
  headers?: string
}

export interface MessageModel {
  /** The key of the message in `receive()` / `send`: the channel's (or components') name for it. */
  name: string
  /** PascalCase type name of the payload. */
  type: string
  pointer: string
  /** Pointer to a JSON Schema payload; undefined means `unknown` (another schemaFormat, or none). */
  payload?: string
  matcher: MessageMatcher
  /** JSON pointer inside the payload (`/reqid`) from `correlationId.location`. */
  correlation?: string
  /** Text frames sent as is rather than as JSON (a string payload, or a text/plain content type). */
  text: boolean
  examples: unknown[]
}

export interface SendModel {
  message: string
  channel: string
  /** Names of the messages that answer it, when the operation has a `reply`. */
  reply?: string[]
}

export type SecurityModel =
  | { name: string; kind: 'apiKey'; in: 'query' | 'header'; param: string }
  | { name: string; kind: 'bearer' }
  | { name: string; kind: 'basic' }

export interface AsyncApiModel {
  title: string
  perspective: Perspective
  /** Why no client is generated (another protocol), or undefined when one is. */
  noClient?: string
  servers: ServerModel[]
  channels: ChannelModel[]
  /** The channel of the first operation: what connect() opens when no channel is named. */
  channel?: string
  messages: MessageModel[]
  /** Messages the client receives, by name. */
  inbound: string[]
  send: SendModel[]
  security: SecurityModel[]
  warnings: Finding[]
}

const WS = new Set(['ws', 'wss'])
const JSON_SCHEMA_FORMAT = /^application\/(schema\+(json|yaml)|vnd\.aai\.asyncapi(\+(json|yaml))?)(;version=(draft-0[47]|[\d.]+))?$/

/**
 * The client's view of a validated AsyncAPI 3 document: which server and channels it connects to,
 * which messages it sends and receives, and how frames are told apart. Pure: document in, model out.
 */
export function buildModel(document: Json, perspective?: Perspective): AsyncApiModel {
  const warnings: Finding[] = []
  const side = perspective ?? inferPerspective(document)
  const info = isObject(document.info) ? document.info : {}
  const allServers = isObject(document.servers) ? Object.entries(document.servers) : []
  const servers: ServerModel[] = []
  const other: string[] = []
  let httpServers = 0
  for (const [name, raw] of allServers) {
    const server = deref(document, raw)?.value
    if (!isObject(server)) continue
    const protocol = String(server.protocol ?? '').toLowerCase()
    if (WS.has(protocol)) servers.push(serverModel(document, name, server, protocol))
    else if ((protocol === 'http' || protocol === 'https') && !hasHttpBindings(document)) {
      httpServers++
      warnings.push({
        pointer: pointerOf(['servers', name, 'protocol']),
        message: `server "${name}" is ${protocol}, not a WebSocket: pass the socket URL as \`url\` to connect()`,
        severity: 'warning',
      })
      servers.push({ ...serverModel(document, name, server, protocol), url: '' })
    } else other.push(`${name} (${protocol || 'no protocol'})`)
  }
  const wsServerNames = new Set(servers.map((s) => s.name))
  const noClient =
    servers.length === 0 && other.length > 0
      ? `no WebSocket server in the document (servers: ${other.join(', ')}): only payload types are generated, no client, for that protocol`
      : undefined
  if (noClient) warnings.push({ pointer: '/servers', message: noClient, severity: 'warning' })

  const messages = new Map<string, MessageModel>()
  const names = new Set<string>(['connect', 'default'])
  const types = new Set<string>([
    'Messages',
    'SendPayloads',
    'Requests',
    'ConnectOptions',
    'Auth',
    'Query',
    'Headers',
    'Parameters',
    'Variables',
    'Channel',
    'Server',
    'Connection',
  ])
  const messageAt = (ref: unknown, fallbackName: string, at: string): MessageModel | undefined => {
    const found = deref(document, ref, at)
    if (!found || !isObject(found.value)) return undefined
    const existing = messages.get(found.pointer)
    if (existing) return existing
    const model = messageModel(document, found.value, found.pointer, fallbackName, names, types, warnings)
    messages.set(found.pointer, model)
    return model
  }

  const channels: ChannelModel[] = []
  const channelKeys = new Map<string, string>()
  const channelEntries = isObject(document.channels) ? Object.entries(document.channels) : []
  for (const [key, raw] of channelEntries) {
    const channel = deref(document, raw, pointerOf(['channels', key]))
    if (!channel || !isObject(channel.value)) continue
    const pinned = Array.isArray(channel.value.servers)
      ? channel.value.servers.map((s) => serverName(s)).filter((s): s is string => s !== undefined)
      : undefined
    if (pinned && pinned.length > 0 && !pinned.some((s) => wsServerNames.has(s))) continue
    channelKeys.set(channel.pointer, key)
    channels.push(channelModel(document, key, channel.value, channel.pointer))
  }

  let defaultChannel: string | undefined
  const inbound = new Set<string>()
  const send = new Map<string, SendModel>()
  const operations = isObject(document.operations) ? Object.entries(document.operations) : []
  for (const [opKey, raw] of operations) {
    const op = deref(document, raw)?.value
    if (!isObject(op)) continue
    const channel = deref(document, op.channel)
    const channelKey = channel && channelKeys.get(channel.pointer)
    if (!channel || channelKey === undefined) continue
    defaultChannel ??= channelKey
    const own = messagesOf(document, op.messages, channel, messageAt)
    const clientSends = (op.action === 'send') === (side === 'client')
    const reply = isObject(op.reply) ? deref(document, op.reply)?.value : undefined
    let replies: string[] | undefined
    if (isObject(reply)) {
      const replyChannel = deref(document, reply.channel) ?? channel
      replies = messagesOf(document, reply.messages, replyChannel, messageAt).map((m) => m.name)
    }
    if (clientSends) {
      for (const m of own) {
        const entry = send.get(m.name) ?? { message: m.name, channel: channelKey }
        if (replies) entry.reply = [...new Set([...(entry.reply ?? []), ...replies])]
        send.set(m.name, entry)
      }
      for (const name of replies ?? []) inbound.add(name)
    } else {
      for (const m of own) inbound.add(m.name)
      if (replies && replies.length > 0)
        warnings.push({
          pointer: pointerOf(['operations', opKey, 'reply']),
          message: 'the client answers this operation: send the reply with `send`',
          severity: 'warning',
        })
      for (const name of replies ?? []) send.set(name, send.get(name) ?? { message: name, channel: channelKey })
    }
  }
  const all = [...messages.values()]
  const inboundModels = all.filter((m) => inbound.has(m.name))
  for (const m of inboundModels) m.matcher = matcherFor(document, m, inboundModels)
  return {
    title: typeof info.title === 'string' ? info.title : 'AsyncAPI',
    perspective: side,
    ...(noClient ? { noClient } : {}),
    servers: httpServers === servers.length ? servers : servers.filter((s) => s.url !== ''),
    channels,
    ...(defaultChannel === undefined ? {} : { channel: defaultChannel }),
    messages: all,
    inbound: inboundModels.map((m) => m.name),
    send: [...send.values()],
    security: securityOf(document, servers, warnings),
    warnings,
  }
}

/**
 * An operation with a `reply` tells the side: the requester sends and gets the reply. Without one,
 * a document is read as the server's (how public APIs such as Kraken, Gemini and Slack describe
 * themselves); the `perspective` option overrides this.
 */
export function inferPerspective(document: Json): Perspective {
  const operations = isObject(document.operations) ? Object.values(document.operations) : []
  for (const raw of operations) {
    const op = deref(document, raw)?.value
    if (isObject(op) && op.reply !== undefined) return op.action === 'send' ? 'client' : 'server'
  }
  return 'server'
}

function hasHttpBindings(document: Json): boolean {
  let found = false
  const stack: unknown[] = [document.channels, document.operations, document.components]
  while (stack.length > 0 && !found) {
    const node = stack.pop()
    if (Array.isArray(node)) stack.push(...node)
    else if (isObject(node)) {
      if (isObject(node.bindings) && 'http' in node.bindings) found = true
      else stack.push(...Object.values(node))
    }
  }
  return found
}

function serverName(ref: unknown): string | undefined {
  const pointer = isObject(ref) && typeof ref.$ref === 'string' ? ref.$ref : ''
  const match = /^#\/servers\/([^/]+)$/.exec(pointer)
  return match
    ? decodeURIComponent(match[1] as string)
        .replace(/~1/g, '/')
        .replace(/~0/g, '~')
    : undefined
}

function serverModel(document: Json, name: string, server: Json, protocol: string): ServerModel {
  // Some documents repeat the protocol in `host` (`wss://api.gemini.com`).
  const host = String(server.host ?? '')
    .replace(/^[a-z]+:\/\//i, '')
    .replace(/\/+$/, '')
  const path = typeof server.pathname === 'string' ? server.pathname : ''
  const variables: ServerModel['variables'] = {}
  if (isObject(server.variables)) {
    for (const [key, raw] of Object.entries(server.variables)) variables[key] = parameterModel(deref(document, raw)?.value)
  }
  const security: string[] = []
  if (Array.isArray(server.security)) {
    for (const item of server.security) {
      const ref = isObject(item) && typeof item.$ref === 'string' ? /^#\/components\/securitySchemes\/(.+)$/.exec(item.$ref) : null
      if (ref) security.push(ref[1] as string)
    }
  }
  return { name, url: `${protocol}://${host}${path}`, variables, security }
}

function parameterModel(raw: unknown): { enum?: string[]; default?: string } {
  if (!isObject(raw)) return {}
  return {
    ...(Array.isArray(raw.enum) ? { enum: raw.enum.map(String) } : {}),
    ...(raw.default !== undefined ? { default: String(raw.default) } : {}),
  }
}

function channelModel(document: Json, key: string, channel: Json, pointer: string): ChannelModel {
  const parameters: ChannelModel['parameters'] = {}
  if (isObject(channel.parameters)) {
    for (const [name, raw] of Object.entries(channel.parameters)) parameters[name] = parameterModel(deref(document, raw)?.value)
  }
  const address = typeof channel.address === 'string' ? channel.address : ''
  const model: ChannelModel = { key, address, parameters }
  const bindings = deref(document, channel.bindings, `${pointer}/bindings`)
  const ws = bindings && isObject(bindings.value) ? deref(document, bindings.value.ws, `${bindings.pointer}/ws`) : undefined
  if (ws && isObject(ws.value)) {
    if (isObject(ws.value.query)) model.query = `${ws.pointer}/query`
    if (isObject(ws.value.headers)) model.headers = `${ws.pointer}/headers`
  }
  return model
}

function messagesOf(
  document: Json,
  list: unknown,
  channel: { value: unknown; pointer: string },
  messageAt: (ref: unknown, name: string, at: string) => MessageModel | undefined,
): MessageModel[] {
  const out: MessageModel[] = []
  if (Array.isArray(list)) {
    list.forEach((ref, i) => {
      const pointer = isObject(ref) && typeof ref.$ref === 'string' ? ref.$ref : ''
      const m = messageAt(ref, pointer.split('/').pop() ?? `message${i}`, '')
      if (m) out.push(m)
    })
    return out
  }
  // No `messages`: every message of the channel.
  const own = isObject(channel.value) && isObject(channel.value.messages) ? channel.value.messages : {}
  for (const [name, ref] of Object.entries(own)) {
    const m = messageAt(ref, name, pointerOf([...channel.pointer.slice(1).split('/'), 'messages', name]))
    if (m) out.push(m)
  }
  void document
  return out
}

function messageModel(
  document: Json,
  message: Json,
  pointer: string,
  fallbackName: string,
  names: Set<string>,
  types: Set<string>,
  warnings: Finding[],
): MessageModel {
  const componentKey = /^\/components\/messages\/([^/]+)$/.exec(pointer)?.[1]
  const base = typeof message.name === 'string' && message.name !== '' ? message.name : (componentKey ?? fallbackName)
  const name = uniqueName(toCamelIdentifier(base, 'message'), names)
  const type = uniqueName(toPascalIdentifier(base, 'Message'), types)
  let payload: string | undefined
  const format = typeof message.schemaFormat === 'string' ? message.schemaFormat : undefined
  const raw = message.payload
  if (isObject(raw) && typeof raw.schemaFormat === 'string' && 'schema' in raw) {
    // A multi-format schema object: JSON Schema in YAML or JSON is still JSON Schema.
    if (JSON_SCHEMA_FORMAT.test(raw.schemaFormat)) payload = `${pointer}/payload/schema`
    else
      warnings.push({
        pointer: `${pointer}/payload/schemaFormat`,
        message: `schemaFormat ${raw.schemaFormat} is not JSON Schema: the payload is typed unknown`,
        severity: 'warning',
      })
  } else if (format && !JSON_SCHEMA_FORMAT.test(format)) {
    warnings.push({
      pointer: `${pointer}/schemaFormat`,
      message: `schemaFormat ${format} is not JSON Schema: the payload is typed unknown`,
      severity: 'warning',
    })
  } else if (raw !== undefined) payload = `${pointer}/payload`
  const schema = payload ? deref(document, getPointer(document, payload))?.value : undefined
  const contentType =
    typeof message.contentType === 'string' ? message.contentType : typeof document.defaultContentType === 'string' ? document.defaultContentType : ''
  const correlation = correlationOf(document, message.correlationId, `${pointer}/correlationId`, warnings)
  return {
    name,
    type,
    pointer,
    ...(payload ? { payload } : {}),
    matcher: {},
    ...(correlation ? { correlation } : {}),
    text: /^text\//.test(contentType) || (isObject(schema) && schema.type === 'string'),
    examples: Array.isArray(message.examples)
      ? message.examples
          .filter(isObject)
          .filter((e) => 'payload' in e)
          .map((e) => e.payload)
      : [],
  }
}

function correlationOf(document: Json, raw: unknown, at: string, warnings: Finding[]): string | undefined {
  const found = deref(document, raw, at)
  if (!found || !isObject(found.value) || typeof found.value.location !== 'string') return undefined
  const match = /^\$message\.payload#(\/.*)?$/.exec(found.value.location.trim())
  if (match) return match[1] ?? ''
  warnings.push({
    pointer: `${found.pointer}/location`,
    message: `correlationId location ${found.value.location} is not in the payload (WebSocket frames have no headers): requests answer with the next reply instead`,
    severity: 'warning',
  })
  return undefined
}

function securityOf(document: Json, servers: ServerModel[], warnings: Finding[]): SecurityModel[] {
  const components = isObject(document.components) && isObject(document.components.securitySchemes) ? document.components.securitySchemes : {}
  const out: SecurityModel[] = []
  const used = [...new Set(servers.flatMap((s) => s.security))]
  for (const key of used) {
    const scheme = deref(document, components[key])?.value
    if (!isObject(scheme)) continue
    const name = toCamelIdentifier(key, 'scheme')
    const type = String(scheme.type)
    if (type === 'httpApiKey' && (scheme.in === 'query' || scheme.in === 'header') && typeof scheme.name === 'string')
      out.push({ name, kind: 'apiKey', in: scheme.in, param: scheme.name })
    else if (type === 'http' && String(scheme.scheme).toLowerCase() === 'bearer') out.push({ name, kind: 'bearer' })
    else if ((type === 'http' && String(scheme.scheme).toLowerCase() === 'basic') || type === 'userPassword') out.push({ name, kind: 'basic' })
    else
      warnings.push({
        pointer: pointerOf(['components', 'securitySchemes', key]),
        message: `security scheme type ${type} is not supported on a WebSocket: pass credentials with \`headers\` or \`query\``,
        severity: 'warning',
      })
  }
  return out
}
