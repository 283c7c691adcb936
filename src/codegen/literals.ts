/**
 * Every string taken from a document reaches generated code through these helpers, never raw into
 * a template. JSON.stringify handles quotes and control characters; the extra escapes keep the output
 * safe inside an inline `<script>` (`</script>`, `<!--`) and in older parsers that reject U+2028/9.
 */
export function jsLiteral(value: unknown): string {
  const json = JSON.stringify(value)
  if (json === undefined) return 'undefined'
  return json.replace(/[<>\u2028\u2029]/g, escapeChar).replace(PROTO_KEY, '$1["__proto__"]:')
}

// In an object literal `"__proto__": v` sets the prototype instead of defining a key (a document
// naming a security scheme `__proto__` would vanish from the data); a computed key defines it.
// Inside JSON strings every `"` is escaped, so `{"__proto__":` or `,"__proto__":` can only be a key.
const PROTO_KEY = /([{,])"__proto__":/g

function escapeChar(char: string): string {
  return `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`
}

/** A property key for an object literal or type: bare when it is an identifier, quoted otherwise. */
export function propertyKey(name: string): string {
  return isIdentifier(name) && !RESERVED.has(name) ? name : jsLiteral(name)
}

/** A string literal type, e.g. an index into `paths`: `["/pets/{petId}"]`. */
export function indexKey(name: string): string {
  return `[${jsLiteral(name)}]`
}

export function isIdentifier(name: string): boolean {
  return /^[A-Za-z_$][\w$]*$/.test(name)
}

/** Words that cannot name a binding in an ES module (strict mode), plus names with special meaning. */
export const RESERVED = new Set(
  (
    'break case catch class const continue debugger default delete do else enum export extends false finally for ' +
    'function if import in instanceof new null return super switch this throw true try typeof var void while with ' +
    'yield let static implements interface package private protected public await arguments eval undefined NaN Infinity'
  ).split(' '),
)

/** Splits a document name into words: `list-pets_v2` → `list`, `pets`, `v2`; `listPETs` → `list`, `PE`, `Ts`. */
function words(input: string): string[] {
  return input
    .replace(/([a-z\d])([A-Z])/g, '$1 $2')
    .split(/[^A-Za-z\d]+/)
    .filter((word) => word.length > 0)
}

function capitalize(word: string): string {
  return word.charAt(0).toUpperCase() + word.slice(1)
}

/**
 * A camelCase identifier for a value export. Names that already are identifiers are kept as written
 * (`listPets`, `get_user`), except `$`, which the generated module keeps for its own bindings.
 */
export function toCamelIdentifier(input: string, fallback = 'operation'): string {
  if (isIdentifier(input) && !input.includes('$')) return RESERVED.has(input) ? `${input}_` : input
  const parts = words(input)
  if (parts.length === 0) return fallback
  const [first = '', ...rest] = parts
  const head = first === first.toUpperCase() ? first.toLowerCase() : first.charAt(0).toLowerCase() + first.slice(1)
  const name = head + rest.map(capitalize).join('')
  const safe = /^\d/.test(name) ? `_${name}` : name
  return RESERVED.has(safe) ? `${safe}_` : safe
}

/** A PascalCase identifier for a type export; never starts with `_` (names starting `__` are ours). */
export function toPascalIdentifier(input: string, fallback = 'Schema'): string {
  const parts = words(input)
  if (parts.length === 0) return fallback
  const name = parts.map(capitalize).join('')
  return /^\d/.test(name) ? `T${name}` : name
}

/** Picks `base`, then `base2`, `base3`… until `taken` does not hold it; records the pick. */
export function uniqueName(base: string, taken: Set<string>): string {
  let name = base
  for (let n = 2; taken.has(name); n++) name = `${base}${n}`
  taken.add(name)
  return name
}
