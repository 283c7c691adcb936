// `npm start`: the main job on an embedded default, with no network. Builds the package if needed,
// bundles playground/scraper with esbuild and our plugin from the built package, starts a petstore
// on 127.0.0.1 (port from the OS) and runs the bundle against it in a child process.
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
  plugins: [networking({ apis: { petstore: 'petstore.yaml' }, dts: 'dist/api-clients.d.ts', cacheDir: 'dist/.cache' })],
})
console.log(`[start] bundled ${outfile.slice(ROOT.length + 1)}`)

const pets = [
  { id: 1, name: 'Ada', tag: 'cat' },
  { id: 2, name: 'Brutus', tag: 'dog' },
  { id: 3, name: 'Cleo' },
  { id: 4, name: 'Dot', tag: 'fish' },
  { id: 5, name: 'Enzo' },
]
const server = createServer((req, res) => {
  const url = new URL(req.url, 'http://127.0.0.1')
  const send = (status, body) => res.writeHead(status, { 'content-type': 'application/json' }).end(body === undefined ? '' : JSON.stringify(body))
  if (url.pathname === '/pets' && req.method === 'GET') return send(200, pets.slice(0, Number(url.searchParams.get('limit') ?? 100)))
  if (url.pathname === '/pets' && req.method === 'POST') return send(201)
  const id = /^\/pets\/(\d+)$/.exec(url.pathname)?.[1]
  const pet = pets.find((p) => String(p.id) === id)
  return pet ? send(200, pet) : send(404, { code: 404, message: 'no such pet' })
})
await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve))
const baseUrl = `http://127.0.0.1:${server.address().port}`
console.log(`[start] petstore listening on ${baseUrl}\n`)

const child = spawn(process.execPath, [outfile], { env: { ...process.env, PETSTORE_URL: baseUrl }, stdio: 'inherit' })
const code = await new Promise((resolve) => child.on('exit', resolve))
server.close()
process.exitCode = code ?? 1
