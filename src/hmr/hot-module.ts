/**
 * Vite dev only: rewrites a generated module so a document edit updates the running app without
 * a reload. Importers hold the first module instance's exports, so every operation is exported as
 * a stable proxy kept in `import.meta.hot.data`; each new module instance points the proxies at its
 * own operations, replays the `configure()` calls made so far on its own API, and becomes the one
 * `configure`/`createClient` use. When the set of exports changes, importers must re-import:
 * the update is invalidated upwards instead.
 *
 * Works on the production text line by line (its shape is fixed by codegen/module.ts), so the
 * cache keeps one text per API.
 */
export function toHotModule(code: string): string {
  const names: string[] = []
  const lines = code.split('\n').map((line) => {
    const op = /^export const (\w+) = \/\* @__PURE__ \*\/ \$api\.operation\((.*)\)$/.exec(line)
    if (op) {
      names.push(op[1] as string)
      return `export const ${op[1]} = $hot(${JSON.stringify(op[1])}, $api.operation(${op[2]}))`
    }
    if (line === '  return $api.configure(options)') {
      return '  if ($hotData) ($hotData.configured ??= []).push(options)\n  return ($hotData?.api ?? $api).configure(options)'
    }
    const client = /^ {2}return \$api\.createClient\(options \?\? \{\}, \{(.*)\}\)$/.exec(line)
    if (client) return `  return ($hotData?.api ?? $api).createClient(options ?? {}, $hotData?.tree ?? {${client[1]}})`
    if (line.startsWith('const $api = ')) return `${line}\n${PRELUDE}`
    return line
  })
  const exported = [...names, 'configure', 'createClient', 'default'].sort()
  const rawNames = names.length > 0 ? `{ ${names.join(', ')} }` : '{}'
  return `${lines.join('\n')}
if ($hotData) {
  const ${rawNames} = $hotRaw
  $hotData.tree = ${treeFrom(code)}
  $hotData.api = $api
  const $exports = ${JSON.stringify(exported.join(','))}
  import.meta.hot.accept((next) => {
    // No module: the new one failed to load (a broken document, shown in the overlay). Keep
    // running this one; a full reload would only meet the same error. The fix sends a new update.
    if (next && Object.keys(next).sort().join(',') !== $exports) import.meta.hot.invalidate()
  })
}
`
}

const PRELUDE = `const $hotData = import.meta.hot ? import.meta.hot.data : undefined
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

/** The client tree literal of the production module (`{ listPets, pets: { listPets } }`), over raw operations. */
function treeFrom(code: string): string {
  const match = /^ {2}return \$api\.createClient\(options \?\? \{\}, \{(.*)\}\)$/m.exec(code)
  return `{${match?.[1] ?? ''}}`
}
