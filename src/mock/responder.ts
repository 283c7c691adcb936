import Ajv, { type ErrorObject, type ValidateFunction } from 'ajv'
import { isJson } from './json'
import { createRouter } from './router'
import { DOC_ID, type MockParam, type MockRoute, type MockSpec } from './spec'

/** A request as both hosts (msw, the Vite dev server) hand it over, path relative to the API base. */
export interface MockRequest {
  method: string
  path: string
  query: URLSearchParams
  /** Lower-case names. */
  headers: Record<string, string>
  /** The raw body text, or undefined when the request had none. */
  body: string | undefined
}

export interface MockReply {
  status: number
  headers: Record<string, string>
  /** Serialized body, or undefined for none. */
  body: string | undefined
}

export interface Problem {
  in: 'path' | 'query' | 'header' | 'cookie' | 'body'
  /** JSON pointer inside the parameter set or the body (`/limit`, `/name`). */
  pointer: string
  message: string
}

export interface Responder {
  /** The reply for a request, or undefined when no route of the API matches (the host passes it on). */
  handle(request: MockRequest): MockReply | undefined
  /** Make the next `times` matched requests fail with `status` (tests and demos of retries). */
  fail(times: number, status?: number): void
}

/**
 * The mock API's behaviour, shared by the msw handlers and the dev server: requests are checked
 * against the document (parameters coerced from strings as they arrive, JSON bodies against their
 * schema) and answered with the route's pre-computed response, or a 400 that lists every problem.
 */
export function createResponder(spec: MockSpec): Responder {
  const ajv = new Ajv({ strict: false, allErrors: true, coerceTypes: 'array', validateFormats: false, logger: false })
  ajv.addSchema({ $id: DOC_ID, components: spec.components })
  const match = createRouter(spec.routes)
  const validators = new Map<string, RouteValidators>()
  let failures = { left: 0, status: 503 }

  const validatorsOf = (route: MockRoute): RouteValidators => {
    const key = `${route.method} ${route.path}`
    let found = validators.get(key)
    if (!found) validators.set(key, (found = compileRoute(ajv, route)))
    return found
  }

  return {
    fail(times, status = 503) {
      failures = { left: times, status }
    },
    handle(request) {
      const found = match(request.method, request.path)
      if (!found) return undefined
      const { route } = found
      if (failures.left > 0) {
        failures.left--
        return json(failures.status, { error: `mock failure injected for ${route.id}`, operation: route.id })
      }
      const problems = checkRequest(validatorsOf(route), route, found.path, request)
      if (problems.length > 0) {
        return json(400, { error: `${request.method.toUpperCase()} ${request.path} does not match the document (${route.id})`, operation: route.id, problems })
      }
      const { status, contentType, echo } = route.response
      // Validated above: a JSON body that reached here parses.
      const sentJson = request.body !== undefined && isJson(request.headers['content-type'] ?? '')
      const body = echo && sentJson ? (JSON.parse(request.body as string) as unknown) : route.response.body
      if (contentType === undefined || body === undefined) return { status, headers: {}, body: undefined }
      const text = isJson(contentType) ? JSON.stringify(body) : typeof body === 'string' ? body : JSON.stringify(body)
      return { status, headers: { 'content-type': contentType === '*/*' ? 'application/json' : contentType }, body: text }
    },
  }
}

interface RouteValidators {
  params: Partial<Record<MockParam['in'], ValidateFunction>>
  body?: ValidateFunction
}

function compileRoute(ajv: Ajv, route: MockRoute): RouteValidators {
  const out: RouteValidators = { params: {} }
  for (const location of ['path', 'query', 'header', 'cookie'] as const) {
    const list = route.params.filter((p) => p.in === location)
    if (list.length === 0) continue
    out.params[location] = ajv.compile({
      type: 'object',
      properties: Object.fromEntries(list.map((p) => [p.name, p.schema ?? {}])),
      required: list.filter((p) => p.required).map((p) => p.name),
    })
  }
  if (route.body?.schema !== undefined) out.body = ajv.compile(route.body.schema as object)
  return out
}

function checkRequest(validators: RouteValidators, route: MockRoute, path: Record<string, string>, request: MockRequest): Problem[] {
  const problems: Problem[] = []
  const values: Record<MockParam['in'], Record<string, unknown>> = {
    path: { ...path },
    query: collectQuery(request.query, route.params),
    header: { ...request.headers },
    cookie: parseCookies(request.headers.cookie),
  }
  for (const [location, validate] of Object.entries(validators.params) as Array<[MockParam['in'], ValidateFunction]>) {
    if (!validate(values[location])) problems.push(...toProblems(location, validate.errors))
  }
  const body = route.body
  if (body) {
    const type = (request.headers['content-type'] ?? '').split(';')[0]?.trim().toLowerCase() ?? ''
    if (request.body === undefined || request.body === '') {
      if (body.required) problems.push({ in: 'body', pointer: '', message: `a request body is required (${body.contentTypes.join(', ')})` })
    } else if (!body.contentTypes.some((t) => t === '*/*' || t.toLowerCase() === type || (t.endsWith('/*') && type.startsWith(t.slice(0, -1))))) {
      problems.push({ in: 'body', pointer: '', message: `content type "${type || 'none'}" is not one of ${body.contentTypes.join(', ')}` })
    } else if (validators.body && isJson(type)) {
      let parsed: unknown
      try {
        parsed = JSON.parse(request.body)
      } catch {
        problems.push({ in: 'body', pointer: '', message: 'the body is not valid JSON' })
        return problems
      }
      if (!validators.body(parsed)) problems.push(...toProblems('body', validators.body.errors))
    }
  }
  return problems
}

/** Array parameters may repeat (`?tag=a&tag=b`); everything else takes its first value. */
function collectQuery(query: URLSearchParams, params: readonly MockParam[]): Record<string, unknown> {
  const out: Record<string, unknown> = {}
  for (const key of new Set(query.keys())) {
    const all = query.getAll(key)
    const param = params.find((p) => p.in === 'query' && p.name === key)
    const isArray = (param?.schema as { type?: unknown } | undefined)?.type === 'array'
    out[key] = isArray ? all.flatMap((v) => v.split(',')) : all[0]
  }
  return out
}

function parseCookies(header: string | undefined): Record<string, string> {
  const out: Record<string, string> = {}
  for (const part of (header ?? '').split(';')) {
    const at = part.indexOf('=')
    if (at > 0) out[part.slice(0, at).trim()] = part.slice(at + 1).trim()
  }
  return out
}

function toProblems(location: Problem['in'], errors: ErrorObject[] | null | undefined): Problem[] {
  return (errors ?? []).map((error) => {
    const missing = error.keyword === 'required' ? `/${String((error.params as { missingProperty: string }).missingProperty)}` : ''
    return { in: location, pointer: `${error.instancePath}${missing}`, message: error.message ?? error.keyword }
  })
}

function json(status: number, body: unknown): MockReply {
  return { status, headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) }
}
