// One measurement in a fresh process: `node probe.mjs <name> <entry-json> <cacheDir>`. Prints one JSON line:
// ms: the first load through the plugin's context (the disk cache in cacheDir, empty or not);
// again: a second context with no cache in the same process (the AsyncAPI validator is compiled by then).
import { pathToFileURL } from 'node:url'
import { join } from 'node:path'

const [name, entryJson, cacheDir] = process.argv.slice(2)
const { ApiContext, resolveOptions } = await import(pathToFileURL(join(import.meta.dirname, '../codegen/.build/ours.mjs')).href)
const entry = JSON.parse(entryJson)
const options = (cache) => resolveOptions({ apis: { [name]: entry.api }, dts: false, cacheDir: cache, allowRefsFrom: entry.allowRefsFrom ?? [] }, process.cwd())
let start = performance.now()
const first = await new ApiContext(options(cacheDir)).load(name)
const ms = performance.now() - start
start = performance.now()
await new ApiContext(options(false)).load(name)
const again = performance.now() - start
console.log(JSON.stringify({ ms, generated: first.generated, again, bytes: first.code.length }))
