// `npm start`: the main job on an embedded default, with no network. Builds the package if needed,
// bundles playground/scraper with esbuild and our plugin from the built package, starts a flaky
// petstore on 127.0.0.1 (port from the OS) and runs the bundle against it in a child process.
// `npm start -- --app` instead starts playground/vite-app on the Vite dev server's mock API and
// prints its address (Ctrl-C stops it). `npm start -- --workers N --redis URL` runs N scraper
// processes that share the origin's limits through that Redis and prints the aggregate rate kept.
import { execFileSync, spawn } from 'node:child_process'
import { existsSync, readdirSync, statSync } from 'node:fs'
import { createServer } from 'node:http'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..')
const SCRAPER = join(ROOT, 'playground/scraper')

function newestMtime(path) {
  const stat = statSync(path)
  if (!stat.isDirectory()) return stat.mtimeMs
  return Math.max(0, ...readdirSync(path).map((name) => newestMtime(join(path, name))))
}

const built = join(ROOT, 'dist/plugin/esbuild.mjs')
if (!existsSync(built) || newestMtime(join(ROOT, 'src')) > statSync(built).mtimeMs || newestMtime(join(ROOT, 'runtime')) > statSync(built).mtimeMs) {
  console.log('[start] building the package (dist/)')
  execFileSync(process.execPath, [join(ROOT, 'node_modules/tsdown/dist/run.mjs'), '--log-level', 'error'], { cwd: ROOT, stdio: 'inherit' })
}

if (process.argv.includes('--app')) {
  const { createServer: createVite } = await import('vite')
  const app = join(ROOT, 'playground/vite-app')
  const vite = await createVite({ configFile: join(app, 'vite.config.js'), server: { port: Number(process.env.PORT ?? 0) } })
  await vite.listen()
  console.log(`[start] playground/vite-app on the mock petstore: http://127.0.0.1:${vite.httpServer.address().port}/`)
  process.on('SIGINT', () => vite.close().then(() => process.exit(0)))
} else {
  await scrape()
}

async function scrape() {
  const { build } = await import('esbuild')
  const { default: networking } = await import('@codomyrmex/networking/esbuild')
  const outfile = join(SCRAPER, 'dist/scraper.mjs')
  await build({
    entryPoints: [join(SCRAPER, 'scraper.js')],
    absWorkingDir: SCRAPER,
    bundle: true,
    platform: 'node',
    format: 'esm',
    outfile,
    logLevel: 'warning',
    // The Redis client stays a package of its own (only the --redis mode loads it); undici, the
    // Node transport's dependency, is loaded from node_modules as any Node dependency is.
    external: ['ioredis', 'undici'],
    // The server pages its list with a Link header (as GitHub does): paginate() follows rel="next".
    plugins: [
      networking({
        apis: { petstore: { spec: 'petstore.yaml', pagination: { listPets: { style: 'link' } } } },
        dts: 'dist/api-clients.d.ts',
        cacheDir: 'dist/.cache',
      }),
    ],
  })
  console.log(`[start] bundled ${outfile.slice(ROOT.length + 1)}`)

  const { server, stats } = flakyPetstore()
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve))
  const baseUrl = `http://127.0.0.1:${server.address().port}`
  console.log(`[start] petstore listening on ${baseUrl} (slow, and every 5th pet fails once with 503)\n`)

  const arg = (name) => {
    const i = process.argv.indexOf(name)
    return i === -1 ? undefined : process.argv[i + 1]
  }
  const workers = Number(arg('--workers') ?? 1)
  const redis = arg('--redis')
  if (!(Number.isInteger(workers) && workers >= 1)) throw new Error(`--workers must be a whole number >= 1 (got ${arg('--workers')})`)
  if (workers > 1 && !redis) throw new Error('--workers N needs --redis URL: the workers share their limits through it')
  const rate = 20
  const codes = await Promise.all(
    [...Array(workers)].map((_, worker) => {
      const env = {
        ...process.env,
        PETSTORE_URL: baseUrl,
        ...(redis ? { SCRAPER_REDIS: redis, SCRAPER_WORKERS: String(workers), SCRAPER_WORKER: String(worker), SCRAPER_RATE: String(rate) } : {}),
      }
      const child = spawn(process.execPath, [outfile], { env, stdio: 'inherit' })
      return new Promise((resolve) => child.on('exit', resolve))
    }),
  )
  server.close()
  console.log(`\n[start] server saw ${stats.requests} requests, ${stats.failed} answered 503, at most ${stats.maxInFlight} at once`)
  if (redis) {
    const seconds = (stats.last - stats.first) / 1000
    console.log(
      `[start] ${workers} worker(s) through ${redis}: aggregate rate ${(stats.requests / Math.max(seconds, 0.001)).toFixed(1)} req/s over ${seconds.toFixed(1)} s (shared limit ${rate} req/s)`,
    )
  }
  process.exitCode = codes.every((c) => c === 0) ? 0 : 1
}

/** 24 pets, listed 10 a page (Link header); details take 20 ms and every 5th pet answers 503 on its first request, so retries show. */
function flakyPetstore() {
  const names = ['Ada', 'Brutus', 'Cleo', 'Dot', 'Enzo', 'Fig', 'Gus', 'Hana', 'Ivo', 'Juno', 'Kit', 'Lua']
  const tags = ['cat', 'dog', undefined, 'fish']
  const pets = Array.from({ length: 24 }, (_, i) => ({
    id: i + 1,
    name: `${names[i % names.length]}${i >= names.length ? ' II' : ''}`,
    ...(tags[i % 4] ? { tag: tags[i % 4] } : {}),
  }))
  const stats = { requests: 0, failed: 0, inFlight: 0, maxInFlight: 0 }
  const failedOnce = new Set()
  const server = createServer((req, res) => {
    stats.requests++
    stats.last = Date.now()
    stats.first ??= stats.last
    stats.maxInFlight = Math.max(stats.maxInFlight, ++stats.inFlight)
    res.on('close', () => stats.inFlight--)
    const url = new URL(req.url, 'http://127.0.0.1')
    const send = (status, body) => res.writeHead(status, { 'content-type': 'application/json' }).end(body === undefined ? '' : JSON.stringify(body))
    if (url.pathname === '/pets' && req.method === 'GET') {
      const limit = Number(url.searchParams.get('limit') ?? 100)
      const page = Number(url.searchParams.get('page') ?? 1)
      const next = page * limit < pets.length ? `</pets?limit=${limit}&page=${page + 1}>; rel="next"` : undefined
      if (next) res.setHeader('link', next)
      return send(200, pets.map(({ id, name }) => ({ id, name })).slice((page - 1) * limit, page * limit))
    }
    if (url.pathname === '/pets' && req.method === 'POST') return send(201)
    const id = Number(/^\/pets\/(\d+)$/.exec(url.pathname)?.[1])
    const pet = pets.find((p) => p.id === id)
    setTimeout(() => {
      if (pet && id % 5 === 0 && !failedOnce.has(id)) {
        failedOnce.add(id)
        stats.failed++
        return send(503, { code: 503, message: 'try again' })
      }
      return pet ? send(200, pet) : send(404, { code: 404, message: 'no such pet' })
    }, 20)
  })
  return { server, stats }
}
