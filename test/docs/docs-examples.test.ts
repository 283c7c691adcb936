import { execFile } from 'node:child_process'
import { createServer, type IncomingMessage, type Server } from 'node:http'
import { existsSync, readdirSync, readFileSync } from 'node:fs'
import { copyFile, mkdir, readFile, rm, symlink, writeFile } from 'node:fs/promises'
import type { AddressInfo } from 'node:net'
import { dirname, join, relative, resolve } from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'
import ts from 'typescript'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { WebSocketServer } from 'ws'
import { runCli } from '../../src/cli/run'
import networking from '../../src/index'

/**
 * The docs cannot rot: every TypeScript/JavaScript fence in the owned markdown files is a verbatim
 * copy of a file under docs/examples/ (or another repo file), named by the comment above it; all
 * examples type-check in one strict program against the built package's types and the declarations
 * the plugin generates; the runnable ones (they export `main`) are bundled by esbuild with the
 * plugin and run against a server on 127.0.0.1.
 */
const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..')
const EXAMPLES = join(ROOT, 'docs/examples')
// Per process: other runs of the suite in this checkout may be using their own copy right now.
const OUT = join(ROOT, `test/.tmp/docs-${process.pid}`)
const DOCS = ['README.md', 'SPEC.md', 'AGENTS.md', 'docs/API_SPECIFICATION.md', 'docs/USAGE_EXAMPLES.md']
const MARKER = /<!-- example: ([^\s]+) -->\s*\n```(\w+)\n([\s\S]*?)```/g
const RUNNABLE = [
  'quick-start',
  'generated-clients',
  'http-by-hand',
  'node-transport',
  'retries',
  'auth',
  'websocket',
  'manager',
  'logging',
  'opentelemetry',
  'mocks',
  'small-bundles',
  'pagination',
  'query-options',
]

const exampleFiles = readdirSync(EXAMPLES)
  .filter((f) => /\.(ts|js)$/.test(f))
  .sort()

describe('markdown fences are the example files', () => {
  const included = new Set<string>()
  for (const doc of DOCS) {
    it(`${doc}: every code fence is a verbatim example`, () => {
      const text = readFileSync(join(ROOT, doc), 'utf8')
      for (const [, file, , body] of text.matchAll(MARKER)) {
        included.add(file!)
        expect(body, `${doc} → ${file}`).toBe(readFileSync(join(ROOT, file!), 'utf8'))
      }
      // A ts/js fence without a marker would be an example nobody compiles.
      const unmarked = [...text.matchAll(/(^|\n)(.*)\n```(ts|js|typescript|javascript|tsx)\n/g)].filter(([, , before]) => !before!.startsWith('<!-- example:'))
      expect(
        unmarked.map(([m]) => m.trim()),
        doc,
      ).toEqual([])
    })
  }
  it('every example file is shown in some document', () => {
    for (const doc of DOCS) for (const [, file] of readFileSync(join(ROOT, doc), 'utf8').matchAll(MARKER)) included.add(file!)
    expect(exampleFiles.map((f) => `docs/examples/${f}`).filter((f) => !included.has(f))).toEqual([])
  })
})

let server: Server
let baseUrl: string
let wsUrl: string
let dts: string
let bundles: Record<string, string>
const state = { flaky: 0, flakyPost: 0, tokens: 0 }

beforeAll(async () => {
  server = createServer(handle)
  const wss = new WebSocketServer({ server })
  wss.on('connection', (socket, request) => {
    const ticket = new URL(request.url ?? '/', 'http://x').searchParams.get('access_token')
    socket.on('message', (raw) => {
      const message = JSON.parse(String(raw)) as { type: string; channel?: string }
      if (message.type === 'subscribe') socket.send(JSON.stringify({ type: 'subscribed', channel: message.channel, ticket }))
      else socket.send(JSON.stringify({ type: 'echo', payload: message }))
    })
  })
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done))
  const { port } = server.address() as AddressInfo
  baseUrl = `http://127.0.0.1:${port}`
  wsUrl = `ws://127.0.0.1:${port}/live`

  await rm(OUT, { recursive: true, force: true })
  await mkdir(OUT, { recursive: true })
  dts = join(OUT, 'api-clients.d.ts')
  const { build } = await import('esbuild')
  await build({
    entryPoints: RUNNABLE.map((name) => join(EXAMPLES, `${name}.ts`)),
    absWorkingDir: EXAMPLES,
    bundle: true,
    platform: 'node',
    format: 'esm',
    outdir: OUT,
    outExtension: { '.js': '.mjs' },
    logLevel: 'silent',
    // pino's worker transports are never started by the examples; keep them out of the bundle.
    external: ['pino', 'consola', 'msw', 'msw/node'],
    plugins: [networking.esbuild({ apis: { petstore: 'petstore.yaml' }, dts, cacheDir: false })],
  })
  bundles = Object.fromEntries(RUNNABLE.map((name) => [name, join(OUT, `${name}.mjs`)]))
})

afterAll(async () => {
  server?.closeAllConnections()
  await new Promise((done) => server?.close(done))
  // Includes a node_modules link back to the repo root: leave nothing for recursive walkers.
  await rm(OUT, { recursive: true, force: true })
})

function handle(req: IncomingMessage, res: import('node:http').ServerResponse): void {
  const url = new URL(req.url ?? '/', 'http://127.0.0.1')
  const json = (status: number, body?: unknown, headers: Record<string, string> = {}): void => {
    res.writeHead(status, { 'content-type': 'application/json', ...headers }).end(body === undefined ? '' : JSON.stringify(body))
  }
  const pets = [
    { id: 1, name: 'Ada', tag: 'cat' },
    { id: 2, name: 'Brutus' },
    { id: 3, name: 'Cleo' },
  ]
  req.resume()
  if (url.pathname === '/pets' && req.method === 'GET') {
    const offset = Number(url.searchParams.get('offset') ?? 0)
    return json(200, pets.slice(offset, offset + Number(url.searchParams.get('limit') ?? 100)))
  }
  if (url.pathname === '/pets' && req.method === 'POST') return json(201)
  const id = /^\/pets\/(\d+)$/.exec(url.pathname)?.[1]
  if (id !== undefined) {
    const pet = pets.find((p) => String(p.id) === id)
    return pet ? json(200, pet) : json(404, { code: 404, message: 'no such pet' })
  }
  if (url.pathname === '/token' && req.method === 'POST') {
    const ok = req.headers.authorization === `Basic ${btoa('app:app-secret')}`
    return ok ? json(200, { access_token: `tok-${++state.tokens}`, token_type: 'bearer', expires_in: 3600 }) : json(401, { error: 'invalid_client' })
  }
  if (url.pathname === '/echo') {
    const h = req.headers
    return json(200, { authorization: h.authorization, apiKey: url.searchParams.get('api_key'), signature: h['x-signature'] })
  }
  if (url.pathname === '/flaky') return ++state.flaky % 3 === 0 ? json(200, { ok: true }) : json(503, { busy: true }, { 'retry-after': '0' })
  if (url.pathname === '/flaky-post') return ++state.flakyPost % 2 === 0 ? json(201) : json(503, undefined, { 'retry-after': '0' })
  if (url.pathname === '/rate-limited') return json(429, { slow: 'down' }, { 'retry-after': '120' })
  json(404, { code: 404, message: 'unknown route' })
}

type Main = (...args: string[]) => Promise<Record<string, unknown>>
const run = async (name: string, ...args: string[]) => ((await import(pathToFileURL(bundles[name]!).href)) as { main: Main }).main(...args)

/** Identifiers inside inline code spans (`createHttpClient`, `HttpError<B>`...), table cells included; fences skipped. */
function codeSpanIdentifiers(markdown: string): Set<string> {
  const prose = markdown.replace(/```[\s\S]*?```/g, '')
  return new Set([...prose.matchAll(/`([^`]+)`/g)].flatMap(([, code]) => code!.match(/[A-Za-z_$][\w$]*/g) ?? []))
}

// One program serves both checks below: the examples (type-checked) and the package's entries
// (read for their export lists only, so work in progress elsewhere cannot fail the docs).
const ENTRIES = [
  join(ROOT, 'runtime/index.ts'),
  join(ROOT, 'runtime/internal.ts'),
  join(ROOT, 'src/index.ts'),
  join(ROOT, 'src/mock/index.ts'),
  join(ROOT, 'runtime/redis/index.ts'),
]
let program: ts.Program | undefined
function getProgram(): ts.Program {
  program ??= ts.createProgram([...exampleFiles.map((f) => join(EXAMPLES, f)), dts, ...ENTRIES], {
    strict: true,
    noEmit: true,
    noUncheckedIndexedAccess: true,
    target: ts.ScriptTarget.ES2022,
    module: ts.ModuleKind.Preserve,
    moduleResolution: ts.ModuleResolutionKind.Bundler,
    lib: ['lib.es2022.d.ts', 'lib.dom.d.ts', 'lib.dom.iterable.d.ts'],
    types: ['node'],
    typeRoots: [join(ROOT, 'node_modules/@types')],
    skipLibCheck: true,
    verbatimModuleSyntax: true,
  })
  return program
}

describe('examples type-check in one strict program', () => {
  it('has no diagnostics', () => {
    expect(existsSync(dts)).toBe(true)
    const p = getProgram()
    const checked = [...exampleFiles.map((f) => join(EXAMPLES, f)), dts].map((f) => p.getSourceFile(f)!)
    const diagnostics = [
      ...p.getOptionsDiagnostics(),
      ...p.getGlobalDiagnostics(),
      ...checked.flatMap((sf) => [...p.getSyntacticDiagnostics(sf), ...p.getSemanticDiagnostics(sf)]),
    ].map((d) => {
      const where = d.file ? `${relative(ROOT, d.file.fileName)}:${d.file.getLineAndCharacterOfPosition(d.start ?? 0).line + 1}` : ''
      return `${where} ${ts.flattenDiagnosticMessageText(d.messageText, '\n')}`
    })
    expect(checked.length).toBe(exampleFiles.length + 1)
    expect(diagnostics).toEqual([])
  }, 60_000)
})

describe('docs/API_SPECIFICATION.md names every public export', () => {
  it('runtime, plugin and mock entry exports all appear in backticks', () => {
    const p = getProgram()
    const checker = p.getTypeChecker()
    const names = ENTRIES.flatMap((file) => checker.getExportsOfModule(checker.getSymbolAtLocation(p.getSourceFile(file)!)!).map((s) => s.name))
    const doc = readFileSync(join(ROOT, 'docs/API_SPECIFICATION.md'), 'utf8')
    const spans = codeSpanIdentifiers(doc)
    const missing = names.filter((name) => name !== 'default' && !spans.has(name))
    expect(names.length).toBeGreaterThan(100)
    expect(missing).toEqual([])
  }, 60_000)

  it('every option of the documented option interfaces is named', () => {
    const p = getProgram()
    const checker = p.getTypeChecker()
    const exported = new Map(
      ENTRIES.flatMap((file) => checker.getExportsOfModule(checker.getSymbolAtLocation(p.getSourceFile(file)!)!).map((s) => [s.name, s] as const)),
    )
    const doc = readFileSync(join(ROOT, 'docs/API_SPECIFICATION.md'), 'utf8')
    const spans = codeSpanIdentifiers(doc)
    const interfaces = [
      'Options',
      'ApiOptions',
      'RequestOptions',
      'ClientOptions',
      'HttpClientOptions',
      'ApiClientOptions',
      'RetryOptions',
      'RetryBudgetOptions',
      'Hooks',
      'OAuth2ClientCredentials',
      'OAuth2RefreshToken',
      'WebSocketOptions',
      'WebSocketAuth',
      'HeartbeatOptions',
      'ReconnectOptions',
      'QueueOptions',
      'NetworkManagerOptions',
      'ManagerDefaults',
      'OriginPolicy',
      'BreakerOptions',
      'TokenBucketOptions',
      'RateAdviceOptions',
      'OpenTelemetryOptions',
      'MockHandlerOptions',
      'RedisStoreOptions',
    ]
    const missing = interfaces.flatMap((name) => {
      const symbol = exported.get(name)
      if (!symbol) return [`${name} (not exported)`]
      const target = symbol.flags & ts.SymbolFlags.Alias ? checker.getAliasedSymbol(symbol) : symbol
      return checker
        .getDeclaredTypeOfSymbol(target)
        .getProperties()
        .filter((prop) => !spans.has(prop.name))
        .map((prop) => `${name}.${prop.name}`)
    })
    expect(missing).toEqual([])
  })

  it('every error code thrown by src/ or runtime/ is listed', () => {
    const codes = new Set<string>()
    const walk = (dir: string): void => {
      for (const entry of readdirSync(dir, { withFileTypes: true })) {
        const path = join(dir, entry.name)
        if (entry.isDirectory()) walk(path)
        // A code compared against (`code === 'ERR_PARSE_ARGS_…'`, Node's own) is read, not thrown.
        else if (entry.name.endsWith('.ts')) for (const [, code] of readFileSync(path, 'utf8').matchAll(/(?<!===\s)'(ERR_[A-Z0-9_]+)'/g)) codes.add(code!)
      }
    }
    walk(join(ROOT, 'src'))
    walk(join(ROOT, 'runtime'))
    const doc = readFileSync(join(ROOT, 'docs/API_SPECIFICATION.md'), 'utf8')
    expect(codes.size).toBeGreaterThan(30)
    expect([...codes].filter((code) => !doc.includes(`\`${code}\``)).sort()).toEqual([])
  })
})

describe('the bundler configurations shown in README.md build a project', () => {
  // Each config runs as written, in its own process with the project as working directory, so its
  // relative paths mean what they mean for a user; the package resolves through node_modules.
  const CONFIGS = {
    vite: 'vite.config.ts',
    rollup: 'rollup.config.ts',
    rolldown: 'rolldown.config.ts',
    esbuild: 'esbuild.build.ts',
    webpack: 'webpack.config.ts',
    rspack: 'rspack.config.ts',
  }
  const outputs = {
    vite: 'dist/main.js',
    rollup: 'dist/main.js',
    rolldown: 'dist/main.js',
    esbuild: 'dist/main.mjs',
    webpack: 'dist/main.js',
    rspack: 'dist/main.js',
  }
  let results: Record<string, { error?: string; code?: string }> = {}

  beforeAll(async () => {
    const base = join(OUT, 'bundlers')
    await mkdir(join(base, 'node_modules/@codomyrmex'), { recursive: true })
    await symlink(ROOT, join(base, 'node_modules/@codomyrmex/networking'), 'dir')
    const { build } = await import('esbuild')
    await build({
      entryPoints: Object.values(CONFIGS).map((f) => join(EXAMPLES, f)),
      outdir: join(base, 'configs'),
      outExtension: { '.js': '.mjs' },
      bundle: true,
      packages: 'external',
      platform: 'node',
      format: 'esm',
      logLevel: 'silent',
    })
    const entries = await Promise.all(
      Object.entries(CONFIGS).map(async ([bundler, file]) => {
        const project = join(base, bundler)
        await mkdir(join(project, 'src'), { recursive: true })
        await mkdir(join(project, 'openapi'), { recursive: true })
        await copyFile(join(EXAMPLES, 'petstore.yaml'), join(project, 'openapi/petstore.yaml'))
        const main = "import { listPets } from 'virtual:api/petstore'\nconsole.log(listPets.def.path)\n"
        await writeFile(join(project, 'src/main.js'), main)
        await writeFile(join(project, 'src/main.ts'), main)
        const config = join(base, 'configs', file.replace(/\.ts$/, '.mjs'))
        const error = await new Promise<string | undefined>((done) =>
          execFile(process.execPath, [join(ROOT, 'test/docs/run-bundler-config.mjs'), bundler, pathToFileURL(config).href], { cwd: project }, (e, _out, err) =>
            done(e ? `${e.message}\n${err}` : undefined),
          ),
        )
        const output = join(project, outputs[bundler as keyof typeof outputs])
        return [bundler, error ? { error } : { code: existsSync(output) ? await readFile(output, 'utf8') : undefined }] as const
      }),
    )
    results = Object.fromEntries(entries)
  }, 120_000)

  for (const bundler of Object.keys(CONFIGS)) {
    it(bundler, () => {
      const result = results[bundler]!
      expect(result.error).toBeUndefined()
      // The generated module was bundled: the operation's data and the document's server are in the output.
      expect(result.code).toContain('http://petstore.swagger.io/v1')
      expect(result.code).toMatch(/listPets/)
    })
  }
})

describe('the CLI commands shown in README.md', () => {
  it('run as written: generate writes the client, check then finds it current', async () => {
    const readme = readFileSync(join(ROOT, 'README.md'), 'utf8')
    const lines = [...readme.matchAll(/^npx codomyrmex-api (.+?)(?:\s+#.*)?$/gm)].map(([, args]) => args!.trim().split(/\s+/))
    expect(lines.map((argv) => argv[0])).toEqual(['generate', 'check'])
    const cwd = join(OUT, 'cli')
    await mkdir(join(cwd, 'openapi'), { recursive: true })
    await copyFile(join(EXAMPLES, 'petstore.yaml'), join(cwd, 'openapi/petstore.yaml'))
    const io = { cwd, out: () => {}, err: (line: string) => errors.push(line) }
    const errors: string[] = []
    expect(await runCli(lines[0]!, io)).toBe(0)
    expect(existsSync(join(cwd, 'src/generated/petstore.js')) && existsSync(join(cwd, 'src/generated/petstore.d.ts'))).toBe(true)
    expect(await runCli(lines[1]!, io)).toBe(0)
    expect(errors).toEqual([])
  })
})

describe('runnable examples against 127.0.0.1', () => {
  it('quick-start', async () => {
    expect(await run('quick-start', baseUrl)).toEqual({ count: 3, first: 'Ada', missing: 404 })
  })
  it('generated-clients', async () => {
    expect(await run('generated-clients', baseUrl)).toEqual({ count: 3, same: 'Ada', notFound: true, message: 'no such pet', adminCount: 3, isBase: true })
  })
  it('http-by-hand', async () => {
    expect(await run('http-by-hand', baseUrl)).toEqual({ names: ['Ada', 'Brutus'], one: 'Ada', status: 200, attempts: 1, isHttpError: true })
  })
  it('node-transport', async () => {
    expect(await run('node-transport', baseUrl)).toEqual({ names: ['Ada', 'Brutus'], status: 200 })
  })
  it('retries', async () => {
    const result = await run('retries', baseUrl)
    expect(result.ok).toBe(true)
    expect(result.reasons).toEqual(['#1 status 503 → retry-after 0 ms', '#2 status 503 → retry-after 0 ms', '#1 status 503 → retry-after 0 ms'])
    expect((result.retryAt as Date).getTime()).toBeGreaterThan(Date.now() + 100_000)
  })
  it('auth', async () => {
    const { seen, pets } = (await run('auth', baseUrl)) as { seen: Array<Record<string, unknown>>; pets: number }
    expect(seen.map((s) => s.authorization)).toEqual([
      'Bearer token-from-a-vault',
      `Basic ${btoa('ada:s3cret')}`,
      undefined,
      'Token abc',
      undefined,
      'Bearer tok-1',
    ])
    expect(seen[2]!.apiKey).toBe('k-123')
    expect(seen[4]!.signature).toBe('sig(/echo)')
    expect(pets).toBe(3)
  })
  it('websocket', async () => {
    expect(await run('websocket', wsUrl)).toEqual({
      first: { type: 'subscribed', channel: 'prices', ticket: 'ticket-123' },
      states: ['connecting', 'open', 'closing', 'closed'],
    })
  })
  it('manager', async () => {
    const result = await run('manager', baseUrl, wsUrl)
    expect(result).toMatchObject({ pets: 3, requests: 1, closed: true, sawAttempts: true })
  })
  it('logging', async () => {
    const events = (await run('logging', baseUrl)) as unknown as Array<{ event: string; url: string }>
    expect(events).toHaveLength(1)
    expect(events[0]!.event).toBe('http.attempt')
    expect(events[0]!.url).toBe(`${baseUrl}/pets?api_key=REDACTED`)
  })
  it('mocks', async () => {
    const sampled = { id: 0, name: 'string', tag: 'string' }
    expect(await run('mocks')).toEqual({ pets: [sampled], pet: sampled, failedStatus: 503 })
  })
  it('pagination', async () => {
    expect(await run('pagination', baseUrl)).toEqual({ names: ['Ada', 'Brutus', 'Cleo'], sizes: [2, 1], error: 'ERR_PAGINATION_LOOP' })
  })
  it('query-options', async () => {
    expect(await run('query-options', baseUrl)).toEqual({
      names: ['Ada', 'Brutus'],
      missing: 'no such pet',
      key: ['petstore', 'listPets', { query: { limit: 2 } }],
    })
  })
  it('small-bundles', async () => {
    expect(await run('small-bundles', baseUrl, wsUrl)).toEqual({ pets: 3, reply: 'subscribed' })
  })
  it('opentelemetry', async () => {
    const spans = (await run('opentelemetry', baseUrl)) as unknown as Array<{ name: string; attributes: Record<string, unknown> }>
    expect(spans).toHaveLength(1)
    expect(spans[0]).toMatchObject({
      name: 'GET',
      attributes: { 'http.request.method': 'GET', 'url.full': `${baseUrl}/pets`, 'server.address': '127.0.0.1', 'http.response.status_code': 200 },
    })
  })
})
