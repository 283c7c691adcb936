import { sample } from 'openapi-sampler'
import type { WsMockFrame, WsMockSend, WsMockSpec } from '../mock/ws-spec'
import { deref, getPointer, type Json } from './json'
import { matcherFor } from './matchers'
import type { AsyncApiModel, MessageModel } from './model'

/**
 * Document and model in, the data `virtual:api/<name>/mocks` and the dev mock play: what answers
 * each message the client sends, and what every client is sent once it connects. Pure.
 */
export function buildWsMockSpec(api: string, document: Json, model: AsyncApiModel, baseUrl?: string): WsMockSpec {
  const byName = new Map(model.messages.map((m) => [m.name, m]))
  const sent = model.send.map((s) => byName.get(s.message)).filter((m): m is MessageModel => m !== undefined)
  const replies = new Set(model.send.flatMap((s) => s.reply ?? []))
  const sends: WsMockSend[] = []
  for (const s of model.send) {
    const message = byName.get(s.message)
    if (!message) continue
    // Told apart among the messages the client sends, as the client tells apart those it receives.
    const send: WsMockSend = { name: s.message, ...matcherFor(document, message, sent) }
    const reply = replyOf(
      document,
      message,
      (s.reply ?? []).map((name) => byName.get(name)).filter((m): m is MessageModel => m !== undefined),
    )
    if (reply) send.reply = reply
    sends.push(send)
  }
  const greeting: WsMockFrame[] = []
  for (const name of model.inbound) {
    if (replies.has(name)) continue
    for (const payload of byName.get(name)?.examples ?? []) greeting.push({ message: name, payload })
  }
  return { kind: 'asyncapi', api, urls: socketUrls(model, baseUrl), sends, greeting }
}

function replyOf(document: Json, request: MessageModel, candidates: MessageModel[]): WsMockSend['reply'] {
  if (candidates.length === 0) return undefined
  if (candidates.some((m) => m.name === request.name)) return { echo: true }
  const chosen = candidates.find((m) => m.examples.length > 0) ?? (candidates[0] as MessageModel)
  const payload = chosen.examples.length > 0 ? chosen.examples[0] : samplePayload(document, chosen)
  return { message: chosen.name, payload, ...(request.correlation === undefined ? {} : { correlation: request.correlation }) }
}

/** A payload built from the schema (deterministic: from consts, enums, defaults and formats), for a reply without an example. */
function samplePayload(document: Json, message: MessageModel): unknown {
  const schema = message.payload === undefined ? undefined : deref(document, getPointer(document, message.payload))?.value
  if (schema === undefined) return {}
  try {
    return sample(schema as object, { skipNonRequired: false, quiet: true }, document) ?? {}
  } catch {
    // A schema the sampler cannot follow (a cycle through required properties) still gets a reply.
    return {}
  }
}

/** Every WebSocket server's URL joined with every channel address, placeholders as msw wildcards. */
function socketUrls(model: AsyncApiModel, baseUrl: string | undefined): string[] {
  const bases =
    baseUrl !== undefined
      ? [baseUrl]
      : model.servers.filter((s) => s.url !== '').map((s) => s.url.replace(/\{([^{}]+)\}/g, (_, name: string) => s.variables[name]?.default ?? '*'))
  const addresses = model.channels.length > 0 ? model.channels.map((c) => c.address.replace(/\{[^{}]+\}/g, '*')) : ['']
  const urls = new Set<string>()
  for (const base of bases) for (const address of addresses) urls.add(join(base, address))
  return [...urls].sort()
}

/** As the client joins them (runtime/ws-api/url.ts): `wss://h/raw` + `/` is `wss://h/raw`. */
function join(base: string, address: string): string {
  const path = address.replace(/^\/+/, '')
  return path === '' ? base : `${base.replace(/\/+$/, '')}/${path}`
}
