import { execFile } from 'node:child_process'
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises'
import { join, resolve } from 'node:path'
import { promisify } from 'node:util'
import { beforeAll, describe, expect, it } from 'vitest'
import { ApiContext } from '../../../src/core/context'
import { resolveOptions } from '../../../src/core/options'
import { SpecError } from '../../../src/errors'
import { writeStrictProgram } from '../../helpers/strict-program'

/**
 * Every AsyncAPI document of the corpus (test/fixtures/corpus/asyncapi, see its INDEX.md) through the
 * plugin's context, as `apis` entries recognised by content. WebSocket documents give a client whose
 * code and declarations pass `tsc --strict`; other protocols give types only, with a located
 * warning; 2.6 documents, remote `$ref`s and the broken ones fail with located errors.
 */
const CORPUS = resolve(__dirname, '../../fixtures/corpus/asyncapi')
const OUT = resolve(__dirname, '../../.tmp/asyncapi-corpus')
const ROOT = resolve(__dirname, '../../..')

const WEBSOCKET: Record<string, string> = {
  krakenFilter: 'spec-kraken-websocket-request-reply-message-filter-in-reply-asyncapi.yml',
  krakenChannels: 'spec-kraken-websocket-request-reply-multiple-channels-asyncapi.yml',
  gemini: 'spec-websocket-gemini-asyncapi.yml',
  slack: 'spec-slack-rtm-asyncapi.yml',
  socialFrontend: 'spec-social-media/frontend/asyncapi.yaml',
  socialBackend: 'spec-social-media/backend/asyncapi.yaml',
  postmanEcho: 'generator-asyncapi-postman-echo.yml',
  hoppscotchClient: 'generator-hoppscotch/asyncapi-hoppscotch-client.yml',
  hoppscotchServer: 'generator-hoppscotch/asyncapi-hoppscotch-server.yml',
  websocketQuery: 'generator-asyncapi-websocket-query.yml',
}
const OTHER: Record<string, string> = { gitter: 'spec-gitter-streaming-asyncapi.yml', streetlights: 'spec-streetlights-mqtt-asyncapi.yml' }

let context: ApiContext
const code: Record<string, string> = {}

beforeAll(async () => {
  await rm(OUT, { recursive: true, force: true })
  await mkdir(join(OUT, 'decl'), { recursive: true })
  await mkdir(join(OUT, 'code'), { recursive: true })
  const apis = Object.fromEntries(Object.entries({ ...WEBSOCKET, ...OTHER }).map(([name, file]) => [name, join(CORPUS, file)]))
  context = new ApiContext(
    resolveOptions(
      {
        apis: {
          ...apis,
          socialFrontend: { spec: apis.socialFrontend as string, perspective: 'client' },
          hoppscotchClient: { spec: apis.hoppscotchClient as string, perspective: 'client' },
        },
        dts: false,
        cacheDir: false,
        allowRefsFrom: [join(CORPUS, 'spec-social-media/common')],
      },
      ROOT,
    ),
  )
  for (const name of Object.keys(apis)) {
    const api = await context.load(name)
    code[name] = api.code
    await writeFile(join(OUT, 'code', `${name}.js`), api.code)
    await writeFile(join(OUT, 'decl', `${name}.d.ts`), context.declarations(name)!.standalone)
  }
}, 180_000)

describe('AsyncAPI WebSocket documents of the corpus', () => {
  it('each gives a client module', () => {
    for (const name of Object.keys(WEBSOCKET)) expect(code[name], name).toMatch(/export function connect\(options\)/)
  })

  it('the perspective decides what the client sends', () => {
    // Kraken describes the server: the client sends what the server receives (ping, subscribe…).
    expect(code.krakenFilter).toContain('export const ping = { "name":"ping","correlation":"/reqid", out: $send, replies: () => [pong], request: $request }')
    expect(code.krakenFilter).toContain('replies: () => [subscriptionStatus, dummyCurrencyInfo]')
    expect(code.krakenFilter).toContain('export const pong = { "name":"pong","in":{"prop":"event","values":["pong"]} }')
    const roles = (module: string | undefined) =>
      [...(module ?? '').matchAll(/^export const (\w+) = \{ "name":"\w+"(,"in")?(.*)$/gm)].map(
        (m) => `${m[1]}:${m[2] ? 'in' : ''}${m[3]!.includes('out: $send') ? 'out' : ''}`,
      )
    expect(roles(code.hoppscotchClient)).toEqual(['echo:out', 'timestamp:in'])
    // The server's document, read from its side, gives the same client as the client's document.
    expect(roles(code.hoppscotchServer)).toEqual(['timestamp:in', 'echo:out'])
  })

  // TypeScript 5.9 (what we generate with) and 7 (what users run: the `typescript7` devDependency).
  it.each(['typescript', 'typescript7'])(
    'code and declarations pass %s tsc --strict in one program, with an app that uses them',
    async (pkg) => {
      const names = Object.keys({ ...WEBSOCKET, ...OTHER })
      const app = [
        ...names.map((name) => `import ${name} from './decl/${name}.js'`),
        "import { connectWith as slackWith, message as slackMessage, outgoingMessage } from './decl/slack.js'",
        "import { connectWith as krakenWith, ping } from './decl/krakenFilter.js'",
        'export async function main(url: string): Promise<void> {',
        '  // connectWith: a connection typed by the messages it was opened with.',
        "  const one = await slackWith([slackMessage, outgoingMessage], { url, auth: { token: 'xoxb' } })",
        "  for await (const m of one.receive('message')) void m",
        "  one.send.outgoingMessage({ id: 1, type: 'message', channel: 'C1', text: 'hi' })",
        '  // @ts-expect-error: hello is a message of the document, not of this connection',
        "  one.receive('hello')",
        '  const r = await krakenWith([ping], { url })',
        "  const reply: 'pong' | undefined = (await r.request.ping({ event: 'ping', reqid: 1 })).event",
        '  void reply',
        '  // @ts-expect-error: subscribe was not picked',
        '  r.send.subscribe',
        "  const k = await krakenFilter.connect({ url, reconnect: true, resubscribe: ['subscribe'] })",
        "  k.send.subscribe({ event: 'subscribe', pair: ['XBT/USD'], subscription: { name: 'ticker' } })",
        "  const pong = await k.request.ping({ event: 'ping', reqid: 42 }, { timeout: 1000 })",
        "  const event: 'pong' | undefined = pong.event",
        "  for await (const status of k.receive('subscriptionStatus')) void status",
        '  // @ts-expect-error: not a message the client receives',
        "  k.receive('ping')",
        '  // @ts-expect-error: the payload is checked',
        "  k.send.ping({ event: 'pong' })",
        "  const g = await gemini.connect({ parameters: { symbol: 'btcusd' }, query: { heartbeat: true } })",
        "  for await (const m of g.receive('marketData')) void m",
        "  const s = await slack.connect({ url, auth: { token: 'xoxb' } })",
        "  s.send.outgoingMessage({ id: 1, type: 'message', channel: 'C1', text: 'hi' })",
        '  for await (const frame of s.unknown) void frame',
        '  // @ts-expect-error: no client for MQTT',
        '  streetlights.connect',
        '  void event',
        '}',
      ].join('\n')
      await writeFile(join(OUT, 'app.ts'), app)
      await writeStrictProgram(OUT, ['app.ts', ...names.map((n) => `decl/${n}.d.ts`), ...names.map((n) => `code/${n}.js`)], { checkJs: true })
      const tsc = join(ROOT, 'node_modules', pkg, 'bin/tsc')
      const result = await promisify(execFile)(process.execPath, [tsc, '-p', join(OUT, 'tsconfig.json')], { maxBuffer: 64 << 20 }).catch(
        (error: { stdout: string }) => ({ stdout: error.stdout }),
      )
      expect(result.stdout).toBe('')
    },
    180_000,
  )
})

describe('AsyncAPI documents for other protocols', () => {
  it.each(Object.entries(OTHER))('%s gives payload types, no client, and a located warning', async (name, file) => {
    const loaded = await context.load(name)
    expect(loaded.code).not.toContain('connect')
    expect(loaded.code).toContain('export default {}')
    const warning = loaded.warnings.find((w) => /no WebSocket server in the document .*no client/.test(w.message))
    expect(warning?.file).toBe(join(CORPUS, file))
    expect(warning?.line).toBeGreaterThan(0)
    expect(context.declarations(name)?.standalone).toMatch(/export interface Messages \{\n {2}\w+: \w+/)
  })
})

describe('AsyncAPI documents that cannot be used', () => {
  const cases: Array<[file: string, problem: RegExp, marker: string | undefined]> = [
    ['broken/broken-invalid-yaml.yml', /syntax error/, undefined],
    ['broken/broken-dangling-ref.yml', /\$ref "#\/components\/messages\/echoMessage" points to nothing/, "$ref: '#/components/messages/echoMessage'"],
    ['broken/broken-invalid-payload-schema.yml', /must be one of "array", "boolean"/, 'type: objekt'],
    ['spec-v2.6.0-websocket-gemini.yml', /AsyncAPI 2\.6\.0 is not supported/, "asyncapi: '2.6.0'"],
    ['deepgram-asyncapi.yml', /AsyncAPI 2\.6\.0 is not supported/, 'asyncapi:'],
    ['spec-adeo-kafka-request-reply-asyncapi.yml', /remote documents are off/, undefined],
  ]
  it.each(cases)('%s fails naming the problem and where', async (file, problem, marker) => {
    const path = join(CORPUS, file)
    const broken = new ApiContext(resolveOptions({ apis: { broken: path }, dts: false, cacheDir: false }, ROOT))
    const error = await broken.load('broken').catch((e: unknown) => e)
    expect(error).toBeInstanceOf(SpecError)
    const { problems, message } = error as SpecError
    expect(message).toContain('the AsyncAPI document cannot be used')
    expect(message).not.toMatch(/node_modules|\n\s+at /)
    const match = problems.find((p) => problem.test(p.message))
    expect(match, message).toBeDefined()
    if (marker === undefined) return
    const text = await readFile(path, 'utf8')
    const line = text.split('\n').findIndex((l) => l.includes(marker)) + 1
    expect(match?.file).toBe(path)
    expect(match?.line).toBe(line)
    expect(message).toContain(`${path}:${line}:`)
  })

  it('the invalid YAML is located on its line 38', async () => {
    const path = join(CORPUS, 'broken/broken-invalid-yaml.yml')
    const broken = new ApiContext(resolveOptions({ apis: { broken: path }, dts: false, cacheDir: false }, ROOT))
    const error = (await broken.load('broken').catch((e: unknown) => e)) as SpecError
    expect(error.problems[0]).toMatchObject({ file: path, line: 38 })
  })
})
