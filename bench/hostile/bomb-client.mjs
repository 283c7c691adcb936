// One decompression-bomb download in its own process, so its memory is measured alone (run by run.mjs).
//   node bench/hostile/bomb-client.mjs <runtime.mjs> <url> <maxBodyBytes|default> <error|success>
// Prints one JSON line: the error code, and RSS / heap before the call and at their peak during it.
import { pathToFileURL } from 'node:url'

const [runtimeFile, url, limit] = process.argv.slice(2)
const rt = await import(pathToFileURL(runtimeFile).href)
const client = rt.createHttpClient({ retry: false, ...(limit === 'default' ? {} : { maxBodyBytes: Number(limit) }) })
// Warm the client and the decoder on a small body, so the baseline holds everything but the bomb.
await client.get(`${url}?warm`).catch(() => undefined)
globalThis.gc?.()
const before = process.memoryUsage()
const maxBefore = process.resourceUsage().maxRSS * 1024
let peakRss = before.rss
let peakHeap = before.heapUsed
const sample = () => {
  const m = process.memoryUsage()
  peakRss = Math.max(peakRss, m.rss)
  peakHeap = Math.max(peakHeap, m.heapUsed + m.arrayBuffers)
}
const timer = setInterval(sample, 1)
let code
let bytes = 0
try {
  const data = await client.get(url, { responseType: 'arrayBuffer' })
  bytes = data.byteLength
  code = 'none'
} catch (error) {
  code = error?.code ?? String(error)
  bytes = typeof error?.body === 'string' ? error.body.length : 0
}
sample()
clearInterval(timer)
// maxRSS is the kernel's high-water mark (KiB on Linux): when it rose during the call it catches
// a peak between two samples; when it did not, the earlier peak (loading) is no part of the call.
const maxAfter = process.resourceUsage().maxRSS * 1024
const maxRss = maxAfter > maxBefore ? maxAfter : peakRss
console.log(
  JSON.stringify({
    code,
    bytes,
    rssBefore: before.rss,
    rssGrowth: Math.max(peakRss, maxRss) - before.rss,
    heapGrowth: peakHeap - (before.heapUsed + before.arrayBuffers),
  }),
)
