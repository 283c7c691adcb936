// Hostile-server probe: the runtime against raw servers on 127.0.0.1 that misbehave on purpose
// (issue 12's cases). Prints one line per case and the totals; exits 1 if any case fails.
//   node bench/hostile/run.mjs
import { mkdirSync } from 'node:fs'
import { createServer } from 'node:http'
import { dirname, join } from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'
import { inspect } from 'node:util'
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
const tried = Object.keys(cases).length
console.log(`[hostile] ${tried} cases tried, ${passed} passed`)
process.exitCode = passed === tried ? 0 : 1
