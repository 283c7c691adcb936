// Hostile-server probe: the runtime against raw servers on 127.0.0.1 that misbehave on purpose
// (issue 12's cases). Prints one line per case, then the decompression-bomb memory and the retry
// storm ratios, then the totals; exits 1 if any case fails. Figures: docs/security.md.
//   node bench/hostile/run.mjs
import { execFile } from 'node:child_process'
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { createServer } from 'node:http'
import { dirname, join } from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'
import { inspect, promisify } from 'node:util'
import { constants, createBrotliCompress, createDeflate, createGzip, gzipSync } from 'node:zlib'
import { build } from 'esbuild'

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..')
const outDir = join(root, 'node_modules', '.cache', 'bench-hostile')
mkdirSync(outDir, { recursive: true })
await build({
  stdin: { contents: "export * from './runtime/index'", resolveDir: root, loader: 'ts' },
  bundle: true,
  format: 'esm',
  platform: 'node',
  outfile: join(outDir, 'runtime.mjs'),
  external: ['ofetch', 'crossws', 'crossws/*'],
  logLevel: 'error',
})
const rt = await import(pathToFileURL(join(outDir, 'runtime.mjs')).href)

/** A server whose handler gets (req, res, n); returns its URL, its request count and a close. */
async function serve(handler) {
  let n = 0
  const server = createServer((req, res) => {
    req.resume()
    req.on('end', () => handler(req, res, ++n))
  })
  await new Promise((r) => server.listen(0, '127.0.0.1', r))
  return { url: `http://127.0.0.1:${server.address().port}`, count: () => n, close: () => new Promise((r) => server.close(r)) }
}
const fast = { baseDelay: 1, maxDelay: 5, budget: false }
const json = (res, status, body, headers = {}) => res.writeHead(status, { 'content-type': 'application/json', ...headers }).end(JSON.stringify(body))
const caught = (p) =>
  p.then(
    () => undefined,
    (e) => e,
  )

const cases = {
  'a 302 to data: with a bearer token is refused': async () => {
    const s = await serve((_q, res) => res.writeHead(302, { location: 'data:application/json,{"pwned":true}' }).end())
    const e = await caught(rt.createHttpClient({ baseUrl: s.url, auth: rt.bearer('t0ken-abc'), retry: fast }).get('/'))
    await s.close()
    return e?.code === 'ERR_REDIRECT_REFUSED' && s.count() === 1
  },
  'a 301 to file: is refused': async () => {
    const s = await serve((_q, res) => res.writeHead(301, { location: 'file:///etc/passwd' }).end())
    const e = await caught(rt.createHttpClient({ baseUrl: s.url }).get('/'))
    await s.close()
    return e?.code === 'ERR_REDIRECT_REFUSED'
  },
  'a redirect loop costs at most 21 requests and is not retried': async () => {
    const s = await serve((q, res) => res.writeHead(302, { location: q.url === '/a' ? '/b' : '/a' }).end())
    const e = await caught(rt.createHttpClient({ baseUrl: s.url, retry: fast }).get('/a'))
    await s.close()
    return e?.code === 'ERR_TOO_MANY_REDIRECTS' && s.count() === 21
  },
  'a cross-origin 303 after a POST drops Content-Type and the body': async () => {
    let seen
    const other = await serve((q, res) => ((seen = q.headers['content-type']), json(res, 200, {})))
    const home = await serve((_q, res) => res.writeHead(303, { location: `${other.url}/x` }).end())
    await rt.createHttpClient({ baseUrl: home.url, auth: rt.bearer('t') }).post('/', { a: 1 })
    await Promise.all([home.close(), other.close()])
    return seen === undefined
  },
  'a 20-digit Retry-After is a RateLimitedError with a valid date': async () => {
    const s = await serve((_q, res) => json(res, 429, {}, { 'retry-after': '99999999999999999999' }))
    const e = await caught(rt.createHttpClient({ baseUrl: s.url, retry: fast }).get('/'))
    await s.close()
    return e instanceof rt.RateLimitedError && !Number.isNaN(e.retryAt.getTime())
  },
  'a 400-digit retry-after-ms is a RateLimitedError': async () => {
    const s = await serve((_q, res) => json(res, 503, {}, { 'retry-after-ms': '9'.repeat(400) }))
    const e = await caught(rt.createHttpClient({ baseUrl: s.url, retry: fast }).get('/'))
    await s.close()
    return e instanceof rt.RateLimitedError
  },
  'a garbage Retry-After falls back to backoff': async () => {
    const s = await serve((_q, res, n) => (n === 1 ? json(res, 503, {}, { 'retry-after': '-5' }) : json(res, 200, { ok: true })))
    const data = await rt.createHttpClient({ baseUrl: s.url, retry: fast }).get('/')
    await s.close()
    return data.ok === true
  },
  'an API key in the query as appid appears in no error output': async () => {
    const key = 'k3y-in-the-query-42'
    const s = await serve((_q, res) => json(res, 500, { error: 'database on fire' }))
    const e = await caught(rt.createHttpClient({ baseUrl: s.url, auth: rt.apiKey('query', 'appid', key), retry: false }).get('/'))
    await s.close()
    const all = [e.message, String(e), e.stack, JSON.stringify(e), inspect(e, { showHidden: true })].join('\n')
    return !all.includes(key) && all.includes('database on fire')
  },
  'one signal shared by 25 calls prints no MaxListenersExceededWarning': async () => {
    const warnings = []
    const onWarning = (w) => warnings.push(w.name)
    process.on('warning', onWarning)
    const s = await serve((_q, res) => json(res, 200, {}))
    const signal = new AbortController().signal
    const client = rt.createHttpClient({ baseUrl: s.url })
    await Promise.all(Array.from({ length: 25 }, (_, i) => client.get(`/${i}`, { signal })))
    await new Promise((r) => setImmediate(r))
    process.off('warning', onWarning)
    await s.close()
    return !warnings.includes('MaxListenersExceededWarning')
  },
  'a bad baseUrl is a ConfigurationError': async () => {
    try {
      rt.createHttpClient({ baseUrl: 'http://' })
      return false
    } catch (e) {
      return e instanceof rt.ConfigurationError
    }
  },
  'queued calls do not spend the attempt timeout (maxConcurrent 1, timeout 1000, 6 x 300 ms)': async () => {
    const s = await serve((_q, res) => setTimeout(() => json(res, 200, {}), 300))
    const manager = rt.createNetworkManager({
      defaults: { baseUrl: s.url, timeout: 1000, retry: false },
      policy: { maxConcurrent: 1 },
      clients: { api: rt.httpClient() },
    })
    const results = await Promise.allSettled(Array.from({ length: 6 }, (_, i) => manager.get('api').get(`/${i}`)))
    await manager.closeAll()
    await s.close()
    return results.every((r) => r.status === 'fulfilled')
  },
}

// Decompression bombs: 1 GiB of zeros, compressed once and cached. Each download runs in its own
// process (bomb-client.mjs) so its RSS and heap are measured alone.
const EXPANDED = 1 << 30
const LIMIT = 1 << 20
async function compressZeros(stream) {
  const chunks = []
  stream.on('data', (c) => chunks.push(c))
  const done = new Promise((r) => stream.on('end', r))
  const zero = Buffer.alloc(1 << 20)
  for (let i = 0; i < EXPANDED / zero.length; i++) if (!stream.write(zero)) await new Promise((r) => stream.once('drain', r))
  stream.end()
  await done
  return Buffer.concat(chunks)
}
async function bomb(name, make) {
  const file = join(outDir, `bomb-${name}.bin`)
  if (!existsSync(file)) writeFileSync(file, await make())
  return readFileSync(file)
}
const gzipBomb = await bomb('gzip', () => compressZeros(createGzip({ level: 9 })))
const bombs = {
  gzip: { encoding: 'gzip', body: gzipBomb },
  brotli: {
    encoding: 'br',
    body: await bomb('br', () => compressZeros(createBrotliCompress({ params: { [constants.BROTLI_PARAM_QUALITY]: 5, [constants.BROTLI_PARAM_LGWIN]: 24 } }))),
  },
  deflate: { encoding: 'deflate', body: await bomb('deflate', () => compressZeros(createDeflate({ level: 9 }))) },
  // gzip of the gzip bomb, sent as `Content-Encoding: gzip, gzip`: fetch undoes both layers.
  'nested (gzip, gzip)': { encoding: 'gzip, gzip', body: await bomb('nested', async () => gzipSync(gzipBomb, { level: 9 })) },
}
const runFile = promisify(execFile)
async function download(encoding, body, status, limit) {
  const s = await serve((q, res) => {
    if (q.url.endsWith('?warm')) return json(res, status, { warm: true })
    res.writeHead(status, { 'content-type': 'application/octet-stream', 'content-encoding': encoding, 'content-length': body.length }).end(body)
  })
  try {
    const { stdout } = await runFile(process.execPath, [
      '--expose-gc',
      join(root, 'bench/hostile/bomb-client.mjs'),
      join(outDir, 'runtime.mjs'),
      `${s.url}/bomb`,
      String(limit),
    ])
    return JSON.parse(stdout.trim().split('\n').pop())
  } finally {
    await s.close()
  }
}
/** A bomb must end in our error with memory far below what it expands to. */
const BOUND = 64 << 20
const memory = []
for (const [name, { encoding, body }] of Object.entries(bombs)) {
  cases[`a ${name} bomb (${body.length.toLocaleString('en-US')} B to 1 GiB) with maxBodyBytes 1 MiB is a BodyTooLargeError in bounded memory`] = async () => {
    const r = await download(encoding, body, 200, LIMIT)
    memory.push({ name: `${name}, 200, maxBodyBytes 1 MiB`, compressed: body.length, ...r })
    return r.code === 'ERR_BODY_TOO_LARGE' && r.rssGrowth < BOUND
  }
}
cases['a gzip bomb as a 500 body, default options, keeps at most maxErrorBodyBytes (64 KiB) in bounded memory'] = async () => {
  const r = await download('gzip', gzipBomb, 500, 'default')
  memory.push({ name: 'gzip, 500, default options', compressed: gzipBomb.length, ...r })
  return r.code === 'ERR_HTTP_500' && r.bytes <= 65536 && r.rssGrowth < BOUND
}

// Storms: CALLS concurrent GETs against a server that always answers 503 (or 429 with
// Retry-After: 0), with the default retry policy (2 retries) and backoff shortened to milliseconds.
// The per-origin budget (20 % of requests + 3) bounds the attempts; without it each call costs 3.
const CALLS = 200
const storms = []
async function storm(name, answer, retry) {
  const s = await serve((_q, res) => answer(res))
  const client = rt.createHttpClient({ baseUrl: s.url, retry: { baseDelay: 1, maxDelay: 5, ...retry } })
  const results = await Promise.allSettled(Array.from({ length: CALLS }, (_, i) => client.get(`/${i}`)))
  await s.close()
  const failed = results.filter((r) => r.status === 'rejected').length
  const row = { name, calls: CALLS, attempts: s.count(), ratio: s.count() / CALLS, failed }
  storms.push(row)
  return row
}
const always503 = (res) => json(res, 503, { error: 'overloaded' })
const always429 = (res) => json(res, 429, { error: 'slow down' }, { 'retry-after': '0' })
cases[`an always-503 storm (${CALLS} calls): the budget holds attempts to 1.2x calls + 3`] = async () => {
  const r = await storm('always 503, budget on (default)', always503, {})
  return r.failed === CALLS && r.attempts <= Math.floor(CALLS * 1.2) + 3
}
cases[`an always-429 storm with Retry-After: 0 (${CALLS} calls): the budget holds attempts to 1.2x calls + 3`] = async () => {
  const r = await storm('always 429 (Retry-After: 0), budget on (default)', always429, {})
  return r.failed === CALLS && r.attempts <= Math.floor(CALLS * 1.2) + 3
}
cases[`the same 503 storm with the budget off costs 3 attempts per call (the comparison)`] = async () => {
  const r = await storm('always 503, budget: false', always503, { budget: false })
  return r.attempts === CALLS * 3
}

let passed = 0
for (const [name, run] of Object.entries(cases)) {
  let ok = false
  try {
    ok = await run()
  } catch (error) {
    console.log(`  threw: ${String(error)}`)
  }
  if (ok) passed++
  console.log(`${ok ? 'pass' : 'FAIL'}  ${name}`)
}
const mib = (n) => (n / (1 << 20)).toFixed(1)
console.log('\n| bomb (expands to 1 GiB) | compressed B | error | body kept B | RSS growth MiB | heap + buffers growth MiB |\n|---|---|---|---|---|---|')
for (const m of memory)
  console.log(
    `| ${m.name} | ${m.compressed.toLocaleString('en-US')} | ${m.code} | ${m.bytes.toLocaleString('en-US')} | ${mib(m.rssGrowth)} | ${mib(m.heapGrowth)} |`,
  )
console.log('\n| storm | calls | attempts | attempts / calls | calls failed |\n|---|---|---|---|---|')
for (const r of storms) console.log(`| ${r.name} | ${r.calls} | ${r.attempts} | ${r.ratio.toFixed(3)} | ${r.failed} |`)
const tried = Object.keys(cases).length
console.log(`\n[hostile] ${tried} cases tried, ${passed} passed`)
process.exitCode = passed === tried ? 0 : 1
