import http from 'node:http'
import type { AddressInfo } from 'node:net'
import { join, resolve } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { WebSocketServer } from 'ws'
import { sample } from 'openapi-sampler'
import type { WsMessageDef } from '../../../runtime/internal'
import { route } from '../../../runtime/ws-api/route'
import { deref, getPointer, type Json } from '../../../src/asyncapi/json'
import { buildWsMockSpec } from '../../../src/asyncapi/mocks'
import type { MessageModel } from '../../../src/asyncapi/model'
import { prepareAsyncApi } from '../../../src/asyncapi/prepare'
import { createWsResponder } from '../../../src/mock/ws-responder'
import type { WsMockSpec } from '../../../src/mock/ws-spec'
import { generatedModule } from '../../helpers/asyncapi-module'

/**
 * Issue 14, "done means": for each WebSocket document of the corpus, a server on 127.0.0.1 plays
 * the document (each send answered with its reply example or a sampled reply: the responder the
 * mocks use, on a `ws` server; it pushes each received message's examples, or a payload sampled
 * from its schema when the document has none, as most corpus documents do), and the generated
 * client (runtime from source) receives each on its message's stream, sends each send message's
 * payload (the server gets it as written), and every request resolves with its reply.
 */
const CORPUS = resolve(__dirname, '../../fixtures/corpus/asyncapi')
const WEBSOCKET: Array<[string, string, ('client' | 'server')?]> = [
  ['krakenFilter', 'spec-kraken-websocket-request-reply-message-filter-in-reply-asyncapi.yml'],
  ['krakenChannels', 'spec-kraken-websocket-request-reply-multiple-channels-asyncapi.yml'],
  ['gemini', 'spec-websocket-gemini-asyncapi.yml'],
  ['slack', 'spec-slack-rtm-asyncapi.yml'],
  ['socialFrontend', 'spec-social-media/frontend/asyncapi.yaml', 'client'],
  ['socialBackend', 'spec-social-media/backend/asyncapi.yaml'],
  ['postmanEcho', 'generator-asyncapi-postman-echo.yml'],
  ['hoppscotchClient', 'generator-hoppscotch/asyncapi-hoppscotch-client.yml', 'client'],
  ['hoppscotchServer', 'generator-hoppscotch/asyncapi-hoppscotch-server.yml'],
  ['websocketQuery', 'generator-asyncapi-websocket-query.yml'],
]
const COMMON = [join(CORPUS, 'spec-social-media/common')]
/** Payloads the document's own rules give to another message (both are strings, one has no other rule). */
const AMBIGUOUS = ['generator-asyncapi-websocket-query.yml#multipleExamples']

function sampled(document: Json, message: MessageModel): unknown {
  const schema = message.payload === undefined ? undefined : deref(document, getPointer(document, message.payload))?.value
  return schema === undefined ? {} : (sample(schema as object, { skipNonRequired: false, quiet: true }, document) ?? {})
}

const closers: Array<() => void> = []
afterEach(() => {
  for (const close of closers.splice(0)) close()
})

/** The mock responder on a `ws` server; `push` sends a frame to every client (once its streams are open). */
async function host(spec: WsMockSpec) {
  const responder = createWsResponder(spec)
  const server = http.createServer()
  const wss = new WebSocketServer({ server })
  const received: unknown[] = []
  const waiters: Array<() => void> = []
  wss.on('connection', (socket) => {
    socket.on('message', (data) => {
      const text = String(data)
      let frame: unknown = text
      try {
        frame = JSON.parse(text)
      } catch {
        // a text frame
      }
      received.push(frame)
      for (const w of waiters.splice(0)) w()
      for (const answer of responder.answer(text)) socket.send(answer)
    })
  })
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done))
  closers.push(() => {
    for (const socket of wss.clients) socket.terminate()
    wss.close()
    server.close()
  })
  let taken = 0
  return {
    url: `ws://127.0.0.1:${(server.address() as AddressInfo).port}`,
    push: (frame: unknown) => {
      for (const socket of wss.clients) socket.send(typeof frame === 'string' ? frame : JSON.stringify(frame))
    },
    async nextReceived(): Promise<unknown> {
      while (received.length <= taken) await new Promise<void>((done) => waiters.push(done))
      return received[taken++]
    },
  }
}

describe('each WebSocket document of the corpus against a server playing its examples', () => {
  it.each(WEBSOCKET)(
    '%s',
    async (name, file, perspective) => {
      const path = join(CORPUS, file)
      const { model, document } = await prepareAsyncApi(name, path, { allowRemote: [], allowRefsFrom: COMMON, ...(perspective ? { perspective } : {}) })
      const spec = buildWsMockSpec(name, document, model)
      const api = await generatedModule(path, perspective, COMMON)
      const server = await host(spec)
      const channel = model.channels.find((c) => c.key === model.channel) ?? model.channels[0]
      const parameters = Object.fromEntries(Object.entries(channel?.parameters ?? {}).map(([k, p]) => [k, p.default ?? p.enum?.[0] ?? 'x']))
      // The document's auth where it has one (to a server that is not the document's: allowed by authOrigins).
      const auth = Object.fromEntries(model.security.map((s) => [s.name, s.kind === 'basic' ? { username: 'u', password: 'p' } : 'secret']))
      const ws = await api.connect({ url: server.url, parameters, auth, authOrigins: [server.url], requestTimeout: 5_000 })
      const byName = new Map(model.messages.map((m) => [m.name, m]))
      /** Its examples, else one payload sampled from its schema (as the mock samples a reply). */
      const payloadsOf = (m: MessageModel): unknown[] => (m.examples.length > 0 ? m.examples : [sampled(document, m)])
      const messages = Object.values(api).filter((v): v is WsMessageDef => typeof v === 'object' && v !== null && 'name' in v)
      const replies = new Set(model.send.flatMap((s) => s.reply ?? []))

      // Every message received (not as a reply): each payload pushed reaches the stream of the message
      // the document's rules give it, which is its own unless the document cannot tell them apart.
      const streams = new Map<string, AsyncIterator<unknown>>()
      const stream = (m: string) => streams.get(m) ?? streams.set(m, ws.receive(m as never) as AsyncIterator<unknown>).get(m)!
      const pushed: Array<[string, unknown, string]> = []
      for (const name of model.inbound) {
        if (replies.has(name)) continue
        for (const payload of payloadsOf(byName.get(name)!)) {
          const names = route(messages, payload)
          expect(names.includes(name) || AMBIGUOUS.includes(`${file}#${name}`), `${name}: ${JSON.stringify(payload)} routes to ${names}`).toBe(true)
          pushed.push([name, payload, names[0]!])
          stream(names[0]!)
        }
      }
      for (const [, payload] of pushed) server.push(payload)
      for (const [name, payload, to] of pushed) {
        for (;;) {
          const { value, done } = await stream(to).next()
          expect(done, `${name}: the stream ${to} ended before ${JSON.stringify(payload)}`).toBe(false)
          if (JSON.stringify(value) === JSON.stringify(payload)) break
        }
      }

      // Every send goes out as written; a request resolves with the server's reply.
      let sent = 0
      for (const send of model.send) {
        for (const payload of payloadsOf(byName.get(send.message)!)) {
          sent++
          if (send.reply) {
            const reply = await ws.request[send.message]!(payload)
            const answer = spec.sends.find((s) => s.name === send.message)?.reply
            const received = await server.nextReceived()
            if (typeof payload === 'object' && payload !== null) expect(received).toMatchObject(payload)
            else expect(received).toEqual(payload)
            // An echo's reply is the frame itself; otherwise the reply example (its correlation id the request's).
            if (answer && 'echo' in answer) expect(reply).toEqual(received)
            else expect(JSON.stringify(Object.keys(reply as object).sort()), send.message).toBe(JSON.stringify(Object.keys(answer!.payload as object).sort()))
          } else {
            ws.send[send.message]!(payload)
            expect(await server.nextReceived(), send.message).toEqual(payload)
          }
        }
      }
      expect(sent + pushed.length, 'the document has messages to play').toBeGreaterThan(0)
      await ws.close()
    },
    30_000,
  )
})
