// The scraper example: a Node script that reads a whole API through the generated client, held by
// the runtime's network manager (at most 4 requests in flight to the origin, retries with backoff),
// walking every page of the list with paginate() (the server pages with a Link header, configured
// as `apis.petstore.pagination` in scripts/start.mjs), printing its progress. `npm start` bundles it with esbuild + @codomyrmex/networking/esbuild and
// runs it against a local, deliberately flaky petstore on 127.0.0.1 (see scripts/start.mjs).
// It sends through the Node transport (`@codomyrmex/networking/node`, undici's `request`): about
// twice the requests per second of Node's own fetch, with the same retries, timeouts and limits.
import { createNodeFetch } from '@codomyrmex/networking/node'
import { apiClient, createNetworkManager, paginate, rateLimiting } from '@codomyrmex/networking/runtime'
import petstore from 'virtual:api/petstore'

const baseUrl = process.env.PETSTORE_URL
if (!baseUrl) throw new Error('set PETSTORE_URL (npm start does it for you)')
const concurrency = Number(process.env.SCRAPER_CONCURRENCY ?? 4)
// `npm start -- --workers N --redis URL`: this is worker SCRAPER_WORKER of SCRAPER_WORKERS, sharing
// the origin's limits (4 in flight, SCRAPER_RATE req/s in all) with the others through Redis.
const redisUrl = process.env.SCRAPER_REDIS
const workers = Number(process.env.SCRAPER_WORKERS ?? 1)
const worker = Number(process.env.SCRAPER_WORKER ?? 0)
const shared = redisUrl ? await sharedStore(redisUrl) : undefined

let retries = 0
const nodeFetch = createNodeFetch()
const manager = createNetworkManager({
  defaults: { fetch: nodeFetch },
  clients: {
    petstore: apiClient(petstore, {
      baseUrl,
      timeout: 5_000,
      retry: { limit: 3, baseDelay: 50, budget: false },
      hooks: {
        onRetry: ({ method, url, attempt, reason, delay }) => {
          retries++
          console.log(`  retry  ${method} ${new URL(url).pathname} after attempt ${attempt} (${reason}), in ${Math.round(delay)} ms`)
        },
      },
    }),
  },
  features: [rateLimiting],
  policy: shared ? { maxConcurrent: concurrency, rateLimit: { rate: Number(process.env.SCRAPER_RATE ?? 20), burst: 1 } } : { maxConcurrent: concurrency },
  ...(shared ? { store: shared } : {}),
})
const api = manager.get('petstore')
const started = Date.now()

try {
  // Every page of the list, one request at a time, each retried like any call; with --workers N,
  // each worker takes its share of the pets.
  const listed = []
  for await (const page of paginate(api.listPets, { query: { limit: 10 } }).pages()) {
    listed.push(...page.items.filter((pet) => pet.id % workers === worker))
    console.log(`  page ${page.index + 1}: ${page.items.length} pets${page.next ? '' : ' (last)'}`)
  }
  console.log(`listed ${listed.length} pets; fetching details, ${concurrency} at a time`)

  // Every call is started at once: the manager queues them and keeps the limit.
  let done = 0
  const details = await Promise.all(
    listed.map(async (pet) => {
      const full = await api.showPetById({ path: { petId: String(pet.id) } })
      done++
      console.log(`  [${String(done).padStart(String(listed.length).length)}/${listed.length}] #${full.id} ${full.name}${full.tag ? ` (${full.tag})` : ''}`)
      return full
    }),
  )

  await api.createPets({ body: { id: 100, name: 'Scraped' } })
  console.log('created pet #100')

  // Documented errors come back typed and without throwing from .safe().
  const missing = await api.showPetById.safe({ path: { petId: '9999' } })
  console.log(`pet #9999: ${missing.error ? `HTTP ${missing.error.status}` : 'found'}`)

  const tagged = details.filter((pet) => pet.tag).length
  console.log(`done: ${details.length} pets (${tagged} tagged) in ${Date.now() - started} ms, ${retries} retries`)
} finally {
  await manager.closeAll()
  await nodeFetch.close()
}

async function sharedStore(url) {
  const [{ createRedisStore }, { Redis }] = await Promise.all([import('@codomyrmex/networking/redis'), import('ioredis')])
  const redis = new Redis(url, { enableOfflineQueue: false, maxRetriesPerRequest: 1 })
  await new Promise((resolve, reject) => {
    redis.once('ready', resolve)
    redis.once('error', (error) => reject(new Error(`worker ${worker}: cannot reach Redis at ${url}: ${error.message}`)))
  })
  return createRedisStore({ redis, prefix: 'playground-scraper:' })
}
