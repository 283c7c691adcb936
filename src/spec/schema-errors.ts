import type { ErrorObject } from 'ajv'
import type { JsonObject } from './document'
import type { Finding } from './checks'
import { specValidator, versionOf } from './spec-validators'

/**
 * Runs the specification's JSON Schema (the one @readme/openapi-parser uses, compiled once per
 * process) over the bundled, not dereferenced, document: instance paths then match what the user
 * wrote, and a broken shared schema is reported once instead of at every use. Only called when
 * validation already failed.
 */
export function schemaFindings(document: JsonObject): Finding[] {
  const validate = specValidator(versionOf(document))
  const errors = validate(document) ? [] : [...(validate.errors ?? [])]
  return reduce(errors).map((error) => ({
    pointer: error.instancePath,
    message: describe(error),
    severity: classify(error),
  }))
}

/** AJV reports every failed branch of every `oneOf`; keep the deepest error per place. */
function reduce(errors: ErrorObject[]): ErrorObject[] {
  const useful = errors.filter(
    (e) => e.keyword !== 'oneOf' && e.keyword !== 'anyOf' && e.keyword !== 'if' && !(e.keyword === 'required' && e.params.missingProperty === '$ref'),
  )
  const kept: ErrorObject[] = []
  const seen = new Set<string>()
  for (const error of useful.length > 0 ? useful : errors) {
    const deeper = useful.some((other) => other.instancePath.startsWith(`${error.instancePath}/`))
    const key = `${error.instancePath}|${describe(error)}`
    if (deeper || seen.has(key)) continue
    seen.add(key)
    kept.push(error)
  }
  return kept
}

function describe(error: ErrorObject): string {
  const params = error.params as Record<string, unknown>
  if (error.keyword === 'additionalProperties' || error.keyword === 'unevaluatedProperties') {
    const key = params.additionalProperty ?? params.unevaluatedProperty
    return `unexpected property "${String(key)}"`
  }
  if (error.keyword === 'required') return `missing required property "${String(params.missingProperty)}"`
  if (error.keyword === 'enum' && Array.isArray(params.allowedValues)) {
    return `must be one of ${params.allowedValues.map((v) => JSON.stringify(v)).join(', ')}`
  }
  return error.message ?? error.keyword
}

/**
 * Errors inside JSON Schema objects (a 3.1 keyword in a 3.0 schema, a duplicated `required` entry)
 * do not change the client we generate, so they become warnings; errors in the API structure
 * (operations, parameters, responses, security) stay errors. An unknown member is a warning,
 * except among responses, where every key is a status code the client dispatches on.
 */
export function classify(error: Pick<ErrorObject, 'instancePath' | 'keyword'>): 'error' | 'warning' {
  const segments = error.instancePath.split('/')
  const inSchema = segments.includes('schema') || (segments[1] === 'components' && segments[2] === 'schemas') || segments[1] === 'definitions'
  if (inSchema) return 'warning'
  if (error.keyword === 'additionalProperties' || error.keyword === 'unevaluatedProperties') {
    return segments[segments.length - 1] === 'responses' ? 'error' : 'warning'
  }
  return 'error'
}
