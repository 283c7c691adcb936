// AsyncAPI generation time per corpus document (not a test): node bench/asyncapi/generate.mjs [--runs 3]
// For each document, in fresh processes: cold (empty disk cache: load, validate against the
// official schema, model, types, module) and warm (the disk cache of the cold run, as a second
// build); plus, in the cold process, the same document again with no cache once the AsyncAPI
// validator is compiled (what every document after the first costs in one build). Medians.
import { spawnSync } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { parseArgs } from 'node:util'
import { buildOurs } from '../codegen/build-ours.mjs'

const { values } = parseArgs({ options: { runs: { type: 'string', default: '3' } } })
const RUNS = Number(values.runs)
const ROOT = join(import.meta.dirname, '../..')
const CORPUS = join(ROOT, 'test/fixtures/corpus/asyncapi')
const DOCS = {
  krakenFilter: { api: 'spec-kraken-websocket-request-reply-message-filter-in-reply-asyncapi.yml' },
  krakenChannels: { api: 'spec-kraken-websocket-request-reply-multiple-channels-asyncapi.yml' },
  gemini: { api: 'spec-websocket-gemini-asyncapi.yml' },
  slack: { api: 'spec-slack-rtm-asyncapi.yml' },
  socialFrontend: { api: 'spec-social-media/frontend/asyncapi.yaml', perspective: 'client', refs: true },
  socialBackend: { api: 'spec-social-media/backend/asyncapi.yaml', refs: true },
  postmanEcho: { api: 'generator-asyncapi-postman-echo.yml' },
  hoppscotchClient: { api: 'generator-hoppscotch/asyncapi-hoppscotch-client.yml', perspective: 'client' },
  hoppscotchServer: { api: 'generator-hoppscotch/asyncapi-hoppscotch-server.yml' },
  websocketQuery: { api: 'generator-asyncapi-websocket-query.yml' },
  gitter: { api: 'spec-gitter-streaming-asyncapi.yml' },
  streetlights: { api: 'spec-streetlights-mqtt-asyncapi.yml' },
}

await buildOurs()
function probe(name, doc, cacheDir) {
  const spec = join(CORPUS, doc.api)
  const entry = {
    api: doc.perspective ? { spec, perspective: doc.perspective } : spec,
    ...(doc.refs && { allowRefsFrom: [join(CORPUS, 'spec-social-media/common')] }),
  }
  const r = spawnSync(process.execPath, [join(import.meta.dirname, 'probe.mjs'), name, JSON.stringify(entry), cacheDir], { encoding: 'utf8' })
  if (r.status !== 0) throw new Error(`${name}: ${r.stderr}`)
  return JSON.parse(r.stdout.trim().split('\n').at(-1))
}
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]
const ms = (x) => `${Math.round(x).toLocaleString('en-US')} ms`

console.log(
  `${RUNS} runs each, medians; load average at start ${(await import('node:os'))
    .loadavg()
    .map((l) => l.toFixed(1))
    .join(' ')}\n`,
)
console.log('| document | module B | cold (fresh process) | again, validator compiled | warm (disk cache) |')
console.log('|---|---|---|---|---|')
for (const [name, doc] of Object.entries(DOCS)) {
  const cold = []
  const again = []
  const warm = []
  let bytes = 0
  for (let i = 0; i < RUNS; i++) {
    const cache = mkdtempSync(join(tmpdir(), 'asyncapi-bench-'))
    const c = probe(name, doc, cache)
    const w = probe(name, doc, cache)
    if (!c.generated || w.generated) throw new Error(`${name}: the cache did not behave (cold generated ${c.generated}, warm ${w.generated})`)
    cold.push(c.ms)
    again.push(c.again)
    warm.push(w.ms)
    bytes = c.bytes
    rmSync(cache, { recursive: true, force: true })
  }
  console.log(`| ${name} | ${bytes.toLocaleString('en-US')} | ${ms(median(cold))} | ${ms(median(again))} | ${ms(median(warm))} |`)
}
