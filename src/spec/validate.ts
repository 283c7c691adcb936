import { validate } from '@readme/openapi-parser'
import { encodePointerSegment, isObject, type JsonObject } from './document'
import { SpecError, type Problem } from '../errors'
import { checkDocument, type Finding } from './checks'
import type { LoadedDocument } from './load'
import { Locator } from './locate'
import { schemaFindings } from './schema-errors'
import { quickVerdict } from './quick-verdict'
import { shareSpecValidators } from './spec-validators'

/**
 * Validates a loaded document: @readme/openapi-parser gives the verdict (on a clone: it
 * dereferences in place) unless quickVerdict (quick-verdict.ts) knows what it would answer, which
 * skips the parser's re-walking dereference and set-up; our own checks and a JSON Schema pass give pointers, and the locator
 * turns pointers into lines of the user's files. Errors throw a SpecError; warnings are returned
 * (see docs/decisions/plugin-validation.md for what is which). The parser's AJV reuses our
 * once-compiled specification validators (spec-validators.ts): recompiling was most of an HMR update.
 */
export async function validateDocument(api: string, loaded: LoadedDocument): Promise<Problem[]> {
  const { document } = loaded
  const findings = checkDocument(document)
  const quick = quickVerdict(document)
  const result = quick === 'valid' ? ACCEPTED : quick === 'schema-errors' ? SCHEMA_ERRORS : await parserVerdict(document)
  if (!result.valid) {
    const hasSchemaErrors = quick === 'schema-errors' || result.errors.some((e) => /\n\s*>?\s*\d+ \|/.test(e.message))
    if (hasSchemaErrors) findings.push(...schemaFindings(document))
    for (const error of result.errors) {
      if (/\n\s*>?\s*\d+ \|/.test(error.message)) continue
      // A missing $ref target is already reported, with its place, by checkDocument.
      if (/^Missing \$ref pointer/.test(error.message) && findings.some((f) => f.severity === 'error')) continue
      findings.push({
        pointer: pointerFromMessage(document, error.message),
        message: shorten(error.message.split('\n')[0] ?? error.message),
        severity: 'error',
      })
    }
  }
  for (const warning of result.warnings) {
    findings.push({ pointer: pointerFromMessage(document, warning.message), message: warning.message, severity: 'warning' })
  }
  const problems = locate(loaded, dedupe(findings))
  const errors = problems.filter((p) => p.severity === 'error')
  if (errors.length > 0) throw new SpecError(api, errors)
  return problems
}

type Verdict = Awaited<ReturnType<typeof validate>>

/** What the parser returns for a valid document: with its default rules, no warnings. */
const ACCEPTED: Verdict = { valid: true, warnings: [], specification: 'OpenAPI' }
/** Its schema errors are replaced by schemaFindings below, so their text is not needed. */
const SCHEMA_ERRORS: Verdict = { valid: false, errors: [], warnings: [], additionalErrors: 0, specification: 'OpenAPI' }

/** The parser's verdict, on a clone: it dereferences in place. */
async function parserVerdict(document: JsonObject): Promise<Verdict> {
  shareSpecValidators()
  try {
    return await validate(structuredClone(document) as Parameters<typeof validate>[0], {
      resolve: { external: false },
      validate: { errors: { colorize: false } },
    })
  } catch (error) {
    return { valid: false, errors: [{ message: (error as Error).message }], warnings: [], additionalErrors: 0, specification: null }
  }
}

/** The parser names places by full paths, which a long `$ref` chain makes kilobytes long. */
function shorten(message: string): string {
  return message.length <= 600 ? message : `${message.slice(0, 300)} … ${message.slice(-200)}`
}

function dedupe(findings: Finding[]): Finding[] {
  const seen = new Set<string>()
  return findings.filter((f) => {
    const key = `${f.severity}|${f.pointer}|${f.message}`
    if (seen.has(key)) return false
    seen.add(key)
    return true
  })
}

export function locate(loaded: LoadedDocument, findings: Finding[]): Problem[] {
  const locator = new Locator(loaded.sources, loaded.positions)
  return findings.map((finding) => {
    const position = locator.locate(loaded.entry, finding.pointer)
    return { ...finding, file: position?.file ?? loaded.entry, line: position?.line, column: position?.column }
  })
}

/**
 * @readme/openapi-parser's rule messages name places in prose (``in `/paths/pets/{id}/get` ``,
 * ``operationId `addPet` is duplicated``); turn them into pointers where we can.
 */
export function pointerFromMessage(document: JsonObject, message: string): string {
  const paths = isObject(document.paths) ? document.paths : {}
  const quoted = [...message.matchAll(/`([^`]+)`/g)].map((m) => m[1] as string)
  for (const text of quoted) {
    if (!text.startsWith('/paths/')) continue
    const rest = text.slice('/paths'.length)
    const key = Object.keys(paths)
      .filter((path) => rest === path || rest.startsWith(`${path}/`))
      .sort((a, b) => b.length - a.length)[0]
    if (key !== undefined) return `/paths/${encodePointerSegment(key)}${rest.slice(key.length)}`
  }
  const duplicate = /operationId `([^`]+)` is duplicated/.exec(message)?.[1]
  if (duplicate !== undefined) {
    const places: string[] = []
    for (const [path, item] of Object.entries(paths)) {
      if (!isObject(item)) continue
      for (const [method, op] of Object.entries(item)) {
        if (isObject(op) && op.operationId === duplicate) places.push(`/paths/${encodePointerSegment(path)}/${method}/operationId`)
      }
    }
    return places[1] ?? places[0] ?? ''
  }
  return ''
}
