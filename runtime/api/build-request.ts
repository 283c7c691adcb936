import type { RuntimeFeatures } from '../http/features'
import { pairs } from './pairs'
import { located, queryEncoder } from './params'
import { need } from './need'
import type { OperationDef, OperationInput, OperationParts } from './types'
import { RequestError } from '../errors/request-error'

export interface BuiltRequest {
  /** Path with parameters filled in and the query string, relative to the base URL. */
  path: string
  headers: Record<string, string>
  /** Encoded; for an operation that declares no request body, the caller's value as given (the client sends plain values as JSON). */
  body: unknown
}

const TEMPLATE = /\{[^}]+\}/

/**
 * Turns an operation's input into path, headers and body, refusing what cannot be sent. The
 * serializers come from `parts`: only those the operation's parameters and body need.
 */
export function buildRequest(op: OperationDef, input: OperationInput | undefined, features: RuntimeFeatures, parts: OperationParts): BuiltRequest {
  const where = `${op.method} ${op.path} (${op.id})`
  const headers: Record<string, string> = {}
  const cookies: string[] = []
  const query: string[] = []
  for (const p of op.params ?? []) {
    const value = input?.[p.in]?.[p.name]
    if (value === undefined) {
      if (p.required || p.in === 'path') throw new RequestError(`${where}: missing required ${p.in} parameter "${p.name}"`, { code: 'ERR_MISSING_PARAMETER' })
      continue
    }
    const label = `cookie parameter "${p.name}"`
    if (p.in === 'header') headers[p.name] = need(parts, 'header', where)(p, value, where, parts)
    else if (p.in === 'cookie')
      for (const [n, v] of located(where, label, () => pairs(p, value, undefined, parts, where)))
        cookies.push(`${n}=${located(where, label, () => encodeURIComponent(v))}`)
  }
  if (cookies.length > 0) headers.cookie = cookies.join('; ')
  const path = TEMPLATE.test(op.path) ? need(parts, 'path', where)(op, input?.path, where, parts) : op.path
  for (const p of op.params ?? []) {
    const value = input?.query?.[p.name]
    if (p.in === 'query' && value !== undefined)
      located(where, `query parameter "${p.name}"`, () => {
        for (const [n, v] of pairs(p, value, queryEncoder(p), parts, where)) query.push(`${encodeURIComponent(n)}=${v}`)
      })
  }

  let body: unknown = input?.body
  if (op.body || parts.body) {
    const encoded = need(parts, 'body', where)(op.body, body, input?.contentType, where, features.forms)
    if (encoded.contentType) headers['content-type'] = encoded.contentType
    body = encoded.body
  }
  const accept = op.accept ?? parts.accept?.(op)
  if (accept) headers.accept = accept
  return { path: query.length > 0 ? `${path}?${query.join('&')}` : path, headers, body }
}
