/**
 * Vite dev only: the parts of a generated module's hot variant (codegen/module.ts emits it from
 * the same operations as the build variant, with `hot: true`). Importers hold the first module
 * instance's exports, so every operation is exported as a stable proxy kept in
 * `import.meta.hot.data`; each new module instance points the proxies at its own operations,
 * replays the `configure()` calls made so far on its own API, and becomes the one
 * `configure`/`createClient` use. When the set of exports changes, importers must re-import: the
 * update is invalidated upwards instead.
 */
export const HOT_PRELUDE = `const $hotData = import.meta.hot ? import.meta.hot.data : undefined
const $hotRaw = {}
if ($hotData) for (const options of $hotData.configured ?? []) $api.configure(options)
function $hot(name, op) {
  $hotRaw[name] = op
  if (!$hotData) return op
  const slots = ($hotData.slots ??= {})
  const slot = slots[name]
  if (slot) {
    slot.op = op
    return slot.proxy
  }
  const fresh = { op }
  // The target is a bare arrow function: the operation's own \`def\` is read-only and non-configurable,
  // and a proxy over it could not report a newer one.
  fresh.proxy = new Proxy(() => {}, {
    apply: (_target, self, args) => Reflect.apply(fresh.op, self, args),
    get: (_target, key) => Reflect.get(fresh.op, key),
  })
  slots[name] = fresh
  return fresh.proxy
}`

/**
 * After the exports: record the raw operations' client tree and this instance's API, and accept
 * updates whose exports are the same. `names` are identifiers (codegen/names.ts); `tree` is the
 * client tree literal over them (`{ listPets, pets: { listPets } }`).
 */
export function hotFooter(names: readonly string[], tree: string): string {
  const exported = [...names, 'configure', 'createClient', 'default'].sort()
  return `if ($hotData) {
  const ${names.length > 0 ? `{ ${names.join(', ')} }` : '{}'} = $hotRaw
  $hotData.tree = ${tree}
  $hotData.api = $api
  const $exports = ${JSON.stringify(exported.join(','))}
  import.meta.hot.accept((next) => {
    // No module: the new one failed to load (a broken document, shown in the overlay). Keep
    // running this one; a full reload would only meet the same error. The fix sends a new update.
    if (next && Object.keys(next).sort().join(',') !== $exports) import.meta.hot.invalidate()
  })
}`
}
