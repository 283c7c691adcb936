import { RequestError } from '../errors/request-error'
import type { RuntimeFeatures } from '../http/features'
import { HEADER_NAME } from '../http/headers'
import { encodeBody } from './body'
import { located, parameterPairs, serializeHeaderParam, serializePathParam, serializeQuery } from './params'
import type { OperationDef, OperationInput } from './types'

export interface BuiltRequest {
  /** Path with parameters filled in and the query string, relative to the base URL. */
  path: string
  headers: Record<string, string>
  body: BodyInit | undefined
}

/** Turns an operation's input into path, headers and body, refusing what cannot be sent. */
export function buildRequest(op: OperationDef, input: OperationInput | undefined, features: RuntimeFeatures = {}): BuiltRequest {
  const where = `${op.method} ${op.path} (${op.id})`
  const params = op.params ?? []
  const headers: Record<string, string> = {}
  const cookies: string[] = []
  for (const p of params) {
    const value = input?.[p.in]?.[p.name]
    if (value === undefined) {
      if (p.required || p.in === 'path') throw new RequestError(`${where}: missing required ${p.in} parameter "${p.name}"`, { code: 'ERR_MISSING_PARAMETER' })
      continue
    }
    if (p.in === 'header') {
      // fetch refuses a name that is not an RFC 9110 token with a bare TypeError; name the parameter.
      if (!HEADER_NAME.test(p.name)) {
        throw new RequestError(`${where}: header parameter ${JSON.stringify(p.name)} is not a valid HTTP header name, so it cannot be sent`, {
          code: 'ERR_HEADER_NAME',
        })
      }
      const text = located(where, `header parameter "${p.name}"`, () => serializeHeaderParam(p, value))
      // fetch refuses header values outside Latin-1 with a bare TypeError; say which parameter it was.
      if (/[^\u0000-\u00ff]/.test(text)) {
        throw new RequestError(`${where}: header parameter "${p.name}" has characters outside Latin-1, which HTTP headers cannot carry`, {
          code: 'ERR_HEADER_VALUE',
        })
      }
      headers[p.name] = text
    } else if (p.in === 'cookie') {
      const label = `cookie parameter "${p.name}"`
      for (const [n, v] of located(where, label, () => parameterPairs(p, value))) cookies.push(`${n}=${located(where, label, () => encodeURIComponent(v))}`)
    }
  }
  if (cookies.length > 0) headers.cookie = cookies.join('; ')

  const path = op.path.replace(/\{([^}]+)\}/g, (_, name: string) => {
    const p = params.find((x) => x.in === 'path' && x.name === name)
    const value = input?.path?.[name]
    // An empty value is meaningful only where the style writes a prefix (`;color`, `.`).
    if (value === undefined || value === null || (value === '' && p?.style !== 'matrix' && p?.style !== 'label')) {
      throw new RequestError(`${where}: missing required path parameter "${name}"`, { code: 'ERR_MISSING_PARAMETER' })
    }
    const text = located(where, `path parameter "${name}"`, () => serializePathParam(p ?? { name, in: 'path' }, value))
    // URLs resolve `.` and `..` as directory steps: `/files/../admin` would leave the template.
    if (DOT_SEGMENT.test(text))
      throw new RequestError(`${where}: path parameter "${name}" is "${text}", which a URL resolves as a directory step`, { code: 'ERR_PATH_PARAMETER' })
    return text
  })
  const query = serializeQuery(params, input?.query, where)

  const encoded = encodeBody(op.body, input?.body, input?.contentType, where, features.forms)
  if (encoded.contentType) headers['content-type'] = encoded.contentType
  const accept = acceptOf(op)
  if (accept) headers.accept = accept
  return { path: query ? `${path}?${query}` : path, headers, body: encoded.body }
}

const DOT_SEGMENT = /^(?:\.|%2e){1,2}$/i

const accepts = new WeakMap<OperationDef, string | undefined>()
function acceptOf(op: OperationDef): string | undefined {
  if (!accepts.has(op)) accepts.set(op, successTypes(op))
  return accepts.get(op)
}

function successTypes(op: OperationDef): string | undefined {
  const types = new Set<string>()
  for (const [status, r] of Object.entries(op.responses ?? {})) if (/^2/.test(status)) for (const t of r.contentTypes) types.add(t)
  return types.size > 0 ? [...types].join(', ') : undefined
}
