// Min+gzip cost of the network manager and of pagination in a browser build (esbuild, platform
// browser, minify, gzip -9, as bench/runtime/size.mjs), each as its bundle minus the bundle of what
// it builds on (the HTTP and WebSocket clients), and a per-module breakdown of the manager.
//   node bench/manager/size.mjs            table
//   node bench/manager/size.mjs --json     { manager, pagination, … } for the size-budget test
import { dirname, join, relative } from 'node:path'
import { fileURLToPath } from 'node:url'
import { browserBundle } from '../browser-size.mjs'

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..')
const runtime = JSON.stringify(join(root, 'runtime/index.ts'))
const base = `export { createHttpClient, createWebSocket } from ${runtime}`

export const cases = {
  base: base,
  manager: `export { createNetworkManager, httpClient, apiClient, webSocketClient } from ${runtime}`,
  // What pagination builds on is the HTTP client and a generated operation's contract; the base is its floor.
  pagination: `${base}\nexport { paginate, PaginationError, linkTargets } from ${runtime}`,
  managerWithBase: `${base}\nexport { createNetworkManager, httpClient, apiClient, webSocketClient } from ${runtime}`,
  whole: `export * from ${runtime}`,
}

export async function bundle(contents) {
  return browserBundle(contents, { resolveDir: root })
}

export async function measure() {
  const out = {}
  for (const [name, contents] of Object.entries(cases)) out[name] = await bundle(contents)
  return {
    base: out.base.gzip,
    manager: out.managerWithBase.gzip - out.base.gzip,
    pagination: out.pagination.gzip - out.base.gzip,
    whole: out.whole.gzip,
    bundles: out,
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const m = await measure()
  if (process.argv.includes('--json')) {
    console.log(JSON.stringify({ base: m.base, manager: m.manager, pagination: m.pagination, whole: m.whole }))
  } else {
    const row = (name, b) => `| ${name} | ${b.min.toLocaleString('en-US')} | ${b.gzip.toLocaleString('en-US')} |`
    console.log('| bundle | min bytes | min+gzip bytes |\n|---|---|---|')
    console.log(row('base: createHttpClient + createWebSocket', m.bundles.base))
    console.log(row('base + createNetworkManager, httpClient, apiClient, webSocketClient', m.bundles.managerWithBase))
    console.log(row('base + paginate, PaginationError, linkTargets', m.bundles.pagination))
    console.log(row('runtime, whole export surface', m.bundles.whole))
    console.log(`\nmanager's own cost: ${m.manager.toLocaleString('en-US')} B min+gzip; pagination's: ${m.pagination.toLocaleString('en-US')} B\n`)
    // Minified bytes per module of the manager bundle that the base does not contain.
    const inBase = m.bundles.base.metafile.outputs
    const baseInputs = new Set(Object.values(inBase).flatMap((o) => Object.keys(o.inputs)))
    const rows = Object.values(m.bundles.managerWithBase.metafile.outputs)
      .flatMap((o) => Object.entries(o.inputs))
      .filter(([file]) => !baseInputs.has(file))
      .sort((a, b) => b[1].bytesInOutput - a[1].bytesInOutput)
    console.log('| module (not in the base) | min bytes |\n|---|---|')
    for (const [file, { bytesInOutput }] of rows) console.log(`| ${relative(root, join(root, file))} | ${bytesInOutput.toLocaleString('en-US')} |`)
  }
}
