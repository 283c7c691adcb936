import type {
  EncodingDef,
  HttpMethod,
  OperationDef,
  ParameterDef,
  ParameterLocation,
  ParameterStyle,
  RequestBodyDef,
  ResponseDef,
} from '../../runtime/api/types'
import { buildSecurity, buildServers } from './api-def'
import { isObject, resolveRef, type JsonObject, type OpenApiDocument } from '../spec/document'
import { listOperations, type LowerMethod, type OperationEntry } from '../spec/operations'
import { jsLiteral } from './literals'

export const LOCATIONS: readonly ParameterLocation[] = ['path', 'query', 'header', 'cookie']

/** One operation as the generator sees it: the runtime data plus what the declarations need. */
export interface OperationModel {
  def: OperationDef
  pathKey: string
  method: LowerMethod
  operationId: string | undefined
  tags: string[]
  summary: string | undefined
  deprecated: boolean
  /** Locations that have parameters, and whether any of them is required. */
  inputs: Partial<Record<ParameterLocation, { required: boolean }>>
  /**
   * Parameters described with JSON `content`: openapi-typescript types them as `string`, but the
   * runtime takes the value and serializes it, so the declarations use the schema's type instead.
   */
  jsonParams?: Array<{ in: ParameterLocation; name: string; required: boolean; type: string }>
}

/** Operations in document order (see `listOperations`), with what the generator needs of each. */
export function collectOperations(document: OpenApiDocument): OperationModel[] {
  return listOperations(document).map((entry) => buildOperation(document, entry))
}

function buildOperation(document: OpenApiDocument, { id, operationId, path: pathKey, method, item, operation }: OperationEntry): OperationModel {
  const params = mergeParameters(document, item.parameters, operation.parameters)
  const def: OperationDef = { id, method: method.toUpperCase() as HttpMethod, path: pathKey }
  if (params.length > 0) def.params = params
  const body = buildBody(document, operation.requestBody)
  if (body) def.body = body
  def.responses = buildResponses(document, operation.responses)
  // Decided here rather than per call: the 2xx media types are the Accept the operation sends.
  const accept = [...new Set(Object.entries(def.responses).flatMap(([status, r]) => (/^2/.test(status) ? r.contentTypes : [])))].join(', ')
  if (accept) def.accept = accept
  const security = buildSecurity(operation.security)
  if (security) def.security = security
  const servers = buildServers(operation.servers) ?? buildServers(item.servers)
  if (servers) def.servers = servers
  if (operation['x-idempotent'] === true) def.idempotent = true
  const deprecated = operation.deprecated === true
  if (deprecated) def.deprecated = true

  const inputs: OperationModel['inputs'] = {}
  for (const param of params) {
    const entry = (inputs[param.in] ??= { required: false })
    if (param.required) entry.required = true
  }
  const jsonParams = params.flatMap((p) =>
    p.contentType && /json/i.test(p.contentType)
      ? [{ in: p.in, name: p.name, required: p.required === true, type: contentSchemaType(document, item.parameters, operation.parameters, p) }]
      : [],
  )
  return {
    ...(jsonParams.length > 0 ? { jsonParams } : {}),
    def,
    pathKey,
    method,
    operationId,
    tags: Array.isArray(operation.tags) ? operation.tags.filter((t): t is string => typeof t === 'string') : [],
    summary: typeof operation.summary === 'string' ? operation.summary : undefined,
    deprecated,
    inputs,
  }
}

/** Path-level parameters apply unless the operation redefines the same name and location. */
function mergeParameters(document: OpenApiDocument, shared: unknown, own: unknown): ParameterDef[] {
  const byKey = new Map<string, ParameterDef>()
  for (const list of [shared, own]) {
    if (!Array.isArray(list)) continue
    for (const raw of list) {
      const param = resolveRef(document, raw)
      const def = param && buildParameter(param)
      if (def) byKey.set(`${def.in}:${def.name}`, def)
    }
  }
  return [...byKey.values()]
}

/** `components["schemas"]["X"]` when the parameter's content schema is a component reference, else `unknown`. */
function contentSchemaType(document: OpenApiDocument, shared: unknown, own: unknown, def: ParameterDef): string {
  let type = 'unknown'
  for (const list of [shared, own]) {
    if (!Array.isArray(list)) continue
    for (const raw of list) {
      const param = resolveRef(document, raw)
      if (!param || param.name !== def.name || param.in !== def.in || !isObject(param.content)) continue
      const media = resolveRef(document, param.content[def.contentType ?? ''])
      const ref = media && isObject(media.schema) ? media.schema.$ref : undefined
      const match = typeof ref === 'string' ? /^#\/components\/schemas\/([^/]+)$/.exec(ref) : null
      type = match ? `components["schemas"][${jsLiteral(match[1]!.replace(/~1/g, '/').replace(/~0/g, '~'))}]` : 'unknown'
    }
  }
  return type
}

const DEFAULT_STYLE: Record<ParameterLocation, ParameterStyle> = { path: 'simple', header: 'simple', query: 'form', cookie: 'form' }

/** Serialization rules defaulted as the specification says, so the runtime never guesses. */
export function buildParameter(param: JsonObject): ParameterDef | undefined {
  const where = param.in
  if (where !== 'path' && where !== 'query' && where !== 'header' && where !== 'cookie') return undefined
  const style = (typeof param.style === 'string' ? param.style : DEFAULT_STYLE[where]) as ParameterStyle
  const def: ParameterDef = {
    name: String(param.name ?? ''),
    in: where,
    style,
    explode: typeof param.explode === 'boolean' ? param.explode : style === 'form',
  }
  if (where === 'path' || param.required === true) def.required = true
  if (param.allowReserved === true) def.allowReserved = true
  if (isObject(param.content)) {
    const [contentType] = Object.keys(param.content)
    if (contentType) def.contentType = contentType
  }
  return def
}

function buildBody(document: OpenApiDocument, raw: unknown): RequestBodyDef | undefined {
  const body = resolveRef(document, raw)
  if (!body || !isObject(body.content)) return undefined
  const def: RequestBodyDef = { contentTypes: Object.keys(body.content) }
  if (body.required === true) def.required = true
  for (const [type, rawMedia] of Object.entries(body.content)) {
    const media = resolveRef(document, rawMedia)
    if (!media || !isObject(media.encoding)) continue
    const encodings: Record<string, EncodingDef> = {}
    for (const [field, rawEncoding] of Object.entries(media.encoding)) {
      const encoding = resolveRef(document, rawEncoding)
      if (encoding) encodings[field] = buildEncoding(encoding)
    }
    def.encoding ??= {}
    def.encoding[type] = encodings
  }
  return def
}

function buildEncoding(encoding: JsonObject): EncodingDef {
  const out: EncodingDef = {}
  if (typeof encoding.contentType === 'string') out.contentType = encoding.contentType
  if (typeof encoding.style === 'string') out.style = encoding.style as ParameterStyle
  if (typeof encoding.explode === 'boolean') out.explode = encoding.explode
  if (encoding.allowReserved === true) out.allowReserved = true
  return out
}

function buildResponses(document: OpenApiDocument, raw: unknown): Record<string, ResponseDef> {
  const out: Record<string, ResponseDef> = {}
  if (!isObject(raw)) return out
  for (const [status, rawResponse] of Object.entries(raw)) {
    if (status.startsWith('x-')) continue
    const response = resolveRef(document, rawResponse)
    out[status] = { contentTypes: response && isObject(response.content) ? Object.keys(response.content) : [] }
  }
  return out
}

/** 2xx statuses (and `2XX`) are success; `default` and everything else is a documented error. */
export function isSuccessStatus(status: string): boolean {
  return /^2(\d\d|XX)$/i.test(status)
}
