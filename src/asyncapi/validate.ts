import { createRequire } from 'node:module'
import AjvModule, { type ErrorObject, type ValidateFunction } from 'ajv'
import { SpecError, type Problem } from '../errors'
import type { LoadedDocument } from '../spec/load'
import { Locator } from '../spec/locate'
import { asyncApiVersion } from './detect'
import { getPointer, pointerOf, walkObjects } from './json'

/** A problem before its file and line are known. */
export interface Finding {
  pointer: string
  message: string
  severity: 'error' | 'warning'
}

/** The official JSON Schema of each supported version, as `@asyncapi/specs` ships it. */
const SCHEMA_FILES: Record<string, string> = { '3.0': '3.0.0.json', '3.1': '3.1.0.json' }
const compiled = new Map<string, ValidateFunction>()
const Ajv = (AjvModule as unknown as { default?: typeof AjvModule }).default ?? AjvModule

/**
 * Compiled once per process and version (a few seconds on a loaded machine: the schema is 400 KB).
 * The schemas embed their own copy of the draft-07 meta-schema, hence `meta: false`; formats are
 * left to the generator (ajv-formats is not shipped and `uri-reference` checks would only repeat
 * what the `$ref` check does).
 */
function validatorFor(line: string): ValidateFunction {
  let validate = compiled.get(line)
  if (!validate) {
    const schema = createRequire(import.meta.url)(`@asyncapi/specs/schemas/${SCHEMA_FILES[line]}`) as object
    validate = new Ajv({ strict: false, allErrors: true, validateFormats: false, meta: false, validateSchema: false }).compile(schema)
    compiled.set(line, validate)
  }
  return validate
}

/**
 * Validates a loaded AsyncAPI document: the version first, then every internal `$ref` (a dangling one
 * is named where it is written), then the official schema. Errors throw one SpecError listing every
 * located problem; nothing is generated from an invalid document.
 */
export function validateAsyncApi(api: string, loaded: LoadedDocument): void {
  const findings = checkAsyncApi(loaded.document)
  const errors = locate(loaded, findings).filter((problem) => problem.severity === 'error')
  if (errors.length > 0) throw new SpecError(api, errors, { kind: 'AsyncAPI' })
}

/** Pure: document in, findings out. */
export function checkAsyncApi(document: unknown): Finding[] {
  const version = asyncApiVersion(document)
  if (!version) return [{ pointer: '/asyncapi', message: 'the `asyncapi` member must be a version string such as "3.0.0"', severity: 'error' }]
  const line = `${version.major}.${version.minor}`
  if (version.major < 3) {
    return [
      {
        pointer: '/asyncapi',
        message: `AsyncAPI ${version.text} is not supported (3.0 and 3.1 are): convert the document with \`asyncapi convert\` from @asyncapi/cli`,
        severity: 'error',
      },
    ]
  }
  if (!SCHEMA_FILES[line]) return [{ pointer: '/asyncapi', message: `AsyncAPI ${version.text} is not supported (3.0 and 3.1 are)`, severity: 'error' }]
  const refs = danglingRefs(document)
  if (refs.length > 0) return refs
  const validate = validatorFor(line)
  if (validate(document)) return []
  return schemaFindings(validate.errors ?? [])
}

function danglingRefs(document: unknown): Finding[] {
  const findings: Finding[] = []
  walkObjects(document, (node, path) => {
    const ref = node.$ref
    if (typeof ref !== 'string' || !ref.startsWith('#')) return
    const seen = new Set<string>()
    for (let current = ref; ; ) {
      if (seen.has(current)) {
        findings.push({ pointer: pointerOf([...path, '$ref']), message: `circular $ref "${ref}": it never reaches a value`, severity: 'error' })
        return
      }
      seen.add(current)
      const target = getPointer(document, current.slice(1))
      if (target === undefined) {
        findings.push({ pointer: pointerOf([...path, '$ref']), message: `$ref "${current}" points to nothing in the document`, severity: 'error' })
        return
      }
      const next = (target as { $ref?: unknown }).$ref
      if (typeof next !== 'string' || !next.startsWith('#')) return
      current = next
    }
  })
  return findings
}

const COMBINATORS = new Set(['oneOf', 'anyOf', 'if', 'then', 'else', 'not'])

/**
 * ajv reports every branch it tried (an object is "a Reference or a Message", so a bad message also
 * fails "must have required property '$ref'"). Keep the deepest concrete errors: those tell the author
 * which value is wrong.
 */
export function schemaFindings(errors: readonly ErrorObject[]): Finding[] {
  const concrete = errors.filter(
    (e) => !COMBINATORS.has(e.keyword) && !(e.keyword === 'required' && (e.params as { missingProperty?: string }).missingProperty === '$ref'),
  )
  const pool = concrete.length > 0 ? concrete : errors.slice(0, 1)
  const deepest = pool.filter((e) => !pool.some((other) => other.instancePath.startsWith(`${e.instancePath}/`)))
  const seen = new Set<string>()
  const findings: Finding[] = []
  for (const error of deepest) {
    if (seen.has(error.instancePath)) continue
    seen.add(error.instancePath)
    findings.push({ pointer: error.instancePath, message: describe(error), severity: 'error' })
    if (findings.length === 20) break
  }
  return findings
}

function describe(error: ErrorObject): string {
  const params = error.params as { allowedValues?: unknown[]; additionalProperty?: string }
  if (error.keyword === 'enum' && params.allowedValues) {
    const shown = params.allowedValues
      .slice(0, 8)
      .map((v) => JSON.stringify(v))
      .join(', ')
    return `must be one of ${shown}${params.allowedValues.length > 8 ? ', …' : ''}`
  }
  if (error.keyword === 'additionalProperties' && params.additionalProperty) return `"${params.additionalProperty}" is not allowed here`
  return error.message ?? `fails the schema's ${error.keyword} rule`
}

export function locate(loaded: LoadedDocument, findings: Finding[]): Problem[] {
  const locator = new Locator(loaded.sources, loaded.positions)
  return findings.map((finding) => {
    const position = locator.locate(loaded.entry, finding.pointer)
    return { ...finding, file: position?.file ?? loaded.entry, line: position?.line, column: position?.column }
  })
}
