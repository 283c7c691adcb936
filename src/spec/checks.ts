import { getPointer, isObject, pointerOf, type JsonObject } from './document'

/** A problem found by our own checks, before the file and line are known. */
export interface Finding {
  pointer: string
  message: string
  severity: 'error' | 'warning'
}

const STATUS = /^(default|[1-5]\d\d|[1-5]XX)$/

/**
 * Checks that the specification's JSON Schema cannot express but code generation depends on:
 * references that never reach a value, response keys that are not status codes, and parameter
 * defaults that contradict their own schema. Pure: document in, findings out.
 */
export function checkDocument(document: JsonObject): Finding[] {
  const findings: Finding[] = []
  checkKeys(document, findings)
  checkServers(document, findings)
  checkSecuritySchemes(document, findings)
  walk(document, [], (node, path) => {
    if (typeof node.$ref === 'string') checkRef(document, node.$ref, path, findings)
    const parent = path[path.length - 1]
    if (parent === 'responses' && path.length >= 3 && isOperation(path)) checkStatuses(node, path, findings)
    if (parent === 'parameters' || (path.length >= 2 && path[path.length - 2] === 'parameters')) checkParameter(node, path, findings)
  })
  return findings
}

/**
 * Path keys and component names become JSON pointers (`#/paths/~1files~1100%`) in generated types,
 * and pointers are percent-decoded: a stray `%` would crash type generation with a bare URIError.
 */
function checkKeys(document: JsonObject, findings: Finding[]): void {
  const places: Array<[prefix: string[], keys: string[]]> = []
  if (isObject(document.paths)) places.push([['paths'], Object.keys(document.paths)])
  if (isObject(document.components)) {
    for (const [section, entries] of Object.entries(document.components)) if (isObject(entries)) places.push([['components', section], Object.keys(entries)])
  }
  for (const [prefix, keys] of places) {
    for (const key of keys) {
      if (!key.includes('%') || decodes(key)) continue
      findings.push({
        pointer: pointerOf([...prefix, key]),
        message: `"${key}" has a "%" that does not start a valid percent-escape (%XX): write it as %25`,
        severity: 'error',
      })
    }
  }
}

const METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace']

/**
 * An absolute server URL that does not parse (`https://`) would make the operations using it fail
 * when called without baseUrl (the runtime refuses it then, naming the operation); the rest of the
 * document is unaffected, so it is a warning.
 */
function checkServers(document: JsonObject, findings: Finding[]): void {
  const lists: Array<[path: string[], servers: unknown]> = [[['servers'], document.servers]]
  for (const [key, item] of Object.entries(isObject(document.paths) ? document.paths : {})) {
    if (!isObject(item)) continue
    lists.push([['paths', key, 'servers'], item.servers])
    for (const method of METHODS) if (isObject(item[method])) lists.push([['paths', key, method, 'servers'], (item[method] as JsonObject).servers])
  }
  for (const [path, servers] of lists) {
    if (!Array.isArray(servers)) continue
    servers.forEach((server: unknown, index) => {
      if (!isObject(server) || typeof server.url !== 'string') return
      const variables = isObject(server.variables) ? server.variables : {}
      const filled = server.url.replace(/\{([^}]+)\}/g, (whole, name: string) => {
        const variable = variables[name]
        return isObject(variable) && typeof variable.default === 'string' ? variable.default : whole
      })
      if (!/^[a-z][a-z\d+.-]*:\/\//i.test(filled) || URL.canParse(filled)) return
      const shown = filled === server.url ? '' : ` (with its variables' defaults: "${filled}")`
      findings.push({
        pointer: pointerOf([...path, index, 'url']),
        message: `server URL "${server.url}" is not a valid URL${shown}: calls of the operations that use it fail before sending unless the client is given a baseUrl`,
        severity: 'warning',
      })
    })
  }
}

/**
 * An `apiKey` scheme sent in a header or cookie under a name that is no RFC 9110 token
 * (`X Api Key`): the runtime refuses a credential for it when the client is configured, so only
 * the operations secured by it cannot be called with it. A warning, located at the name.
 */
function checkSecuritySchemes(document: JsonObject, findings: Finding[]): void {
  const places: Array<[path: string[], schemes: unknown]> = [
    [['components', 'securitySchemes'], isObject(document.components) ? document.components.securitySchemes : undefined],
    [['securityDefinitions'], document.securityDefinitions],
  ]
  for (const [path, schemes] of places) {
    if (!isObject(schemes)) continue
    for (const [key, scheme] of Object.entries(schemes)) {
      if (!isObject(scheme) || scheme.type !== 'apiKey' || (scheme.in !== 'header' && scheme.in !== 'cookie')) continue
      if (typeof scheme.name !== 'string' || HEADER_NAME.test(scheme.name)) continue
      findings.push({
        pointer: pointerOf([...path, key, 'name']),
        message: `apiKey security scheme "${key}" sends its key in the ${scheme.in} ${JSON.stringify(scheme.name)}, which is not a valid ${scheme.in} name (an RFC 9110 token: letters, digits and !#$%&'*+-.^_\`|~): configuring a credential for it fails with ERR_CONFIGURATION`,
        severity: 'warning',
      })
    }
  }
}

function decodes(text: string): boolean {
  try {
    decodeURIComponent(text)
    return true
  } catch {
    return false
  }
}

function isOperation(path: readonly (string | number)[]): boolean {
  return path[0] === 'paths' || path[0] === 'webhooks' || (path[0] === 'components' && path[1] === 'pathItems')
}

function checkRef(document: JsonObject, ref: string, path: (string | number)[], findings: Finding[]): void {
  if (!ref.startsWith('#')) return
  const seen = new Set<string>()
  let current = ref
  for (;;) {
    if (seen.has(current)) {
      findings.push({
        pointer: pointerOf([...path, '$ref']),
        message: `circular $ref "${ref}": it refers back to itself and never reaches a value`,
        severity: 'error',
      })
      return
    }
    seen.add(current)
    const target = getPointer(document, current.slice(1))
    if (target === undefined) {
      findings.push({ pointer: pointerOf([...path, '$ref']), message: `$ref "${current}" points to nothing in the document`, severity: 'error' })
      return
    }
    if (!isObject(target) || typeof target.$ref !== 'string' || !target.$ref.startsWith('#')) return
    current = target.$ref
  }
}

function checkStatuses(responses: JsonObject, path: (string | number)[], findings: Finding[]): void {
  for (const key of Object.keys(responses)) {
    if (key.startsWith('x-') || key === '$ref' || STATUS.test(key)) continue
    findings.push({
      pointer: pointerOf([...path, key]),
      message: `"${key}" is not an HTTP status code: response keys are "default", a code such as "200", or a range such as "4XX"`,
      severity: 'error',
    })
  }
}

const HEADER_NAME = /^[!#$%&'*+.^_`|~\dA-Za-z-]+$/
const UUID = /^[\da-f]{8}-[\da-f]{4}-[\da-f]{4}-[\da-f]{4}-[\da-f]{12}$/i

/** A parameter's `default` is what callers get when they omit it: it must fit the parameter's own type. */
function checkParameter(param: JsonObject, path: (string | number)[], findings: Finding[]): void {
  if (typeof param.in !== 'string' || !('name' in param)) return
  // fetch refuses such a name with a bare TypeError; the runtime refuses it naming the parameter.
  if (param.in === 'header' && typeof param.name === 'string' && !HEADER_NAME.test(param.name)) {
    findings.push({
      pointer: pointerOf([...path, 'name']),
      message: `header parameter name ${JSON.stringify(param.name)} is not a valid HTTP header name (an RFC 9110 token: letters, digits and !#$%&'*+-.^_\`|~): a call that gives it a value is refused before sending`,
      severity: 'warning',
    })
  }
  const schema = isObject(param.schema) ? param.schema : param
  if (!('default' in schema)) return
  const value = schema.default
  const where = isObject(param.schema) ? [...path, 'schema', 'default'] : [...path, 'default']
  const problem = defaultProblem(schema, value)
  if (problem) {
    findings.push({
      pointer: pointerOf(where),
      message: `default ${JSON.stringify(value)} of parameter "${String(param.name)}" ${problem.message}`,
      severity: problem.severity,
    })
  }
}

/**
 * A default of the wrong JSON type still serializes to the same URL text (`1` and `"1"`), so it
 * only warns; a string that breaks its format (a uuid that is not one) would be sent as is and
 * rejected by the server, so it is an error.
 */
function defaultProblem(schema: JsonObject, value: unknown): Omit<Finding, 'pointer'> | undefined {
  const types = Array.isArray(schema.type) ? schema.type : typeof schema.type === 'string' ? [schema.type] : []
  if (schema.format === 'uuid' && typeof value === 'string' && !UUID.test(value)) return { message: 'is not a uuid (format: uuid)', severity: 'error' }
  if (types.length > 0 && !types.some((type) => matchesType(type, value))) return { message: `is not of type ${types.join(' | ')}`, severity: 'warning' }
  return undefined
}

function matchesType(type: unknown, value: unknown): boolean {
  switch (type) {
    case 'string':
      return typeof value === 'string'
    case 'integer':
      return Number.isInteger(value)
    case 'number':
      return typeof value === 'number'
    case 'boolean':
      return typeof value === 'boolean'
    case 'array':
      return Array.isArray(value)
    case 'object':
      return isObject(value)
    case 'null':
      return value === null
    default:
      return true
  }
}

/** Depth-first over objects (arrays included), with the path of each object visited. */
function walk(node: unknown, path: (string | number)[], visit: (node: JsonObject, path: (string | number)[]) => void): void {
  if (Array.isArray(node)) {
    node.forEach((item, index) => walk(item, [...path, index], visit))
    return
  }
  if (!isObject(node)) return
  visit(node, path)
  for (const [key, value] of Object.entries(node)) {
    if (typeof value === 'object' && value !== null) walk(value, [...path, key], visit)
  }
}
