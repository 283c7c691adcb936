import { isObject, resolveRef, type JsonObject, type OpenApiDocument } from '../spec/document'
import { listOperations } from '../spec/operations'
import { isJson } from './json'
import { sampleMedia } from './sample'
import { DOC_ID, type MockParam, type MockResponse, type MockRoute, type MockSpec } from './spec'

/** Document in, mock data out: one route per operation, its first success response pre-computed. */
export function buildMockSpec(api: string, document: OpenApiDocument): MockSpec {
  const routes: MockRoute[] = []
  // Route ids are the operation ids the generated module and the `operations` option use.
  for (const { id, method, path, item, operation } of listOperations(document)) {
    const route: MockRoute = {
      id,
      method: method.toUpperCase(),
      path,
      params: params(document, item.parameters, operation.parameters),
      response: response(document, operation.responses),
    }
    const body = requestBody(document, operation.requestBody)
    if (body) route.body = body
    if (body?.schema !== undefined && sameRef(body.schema, responseSchema(document, operation.responses, route.response))) route.response.echo = true
    routes.push(route)
  }
  const servers = Array.isArray(document.servers) ? document.servers : []
  const first = servers.find(isObject)
  return {
    api,
    server: typeof first?.url === 'string' ? serverUrl(first) : '',
    components: isObject(document.components) ? (linkRefs(document.components) as JsonObject) : {},
    routes,
  }
}

/** Operation parameters override path-item ones of the same name and location. */
function params(document: JsonObject, shared: unknown, own: unknown): MockParam[] {
  const byKey = new Map<string, MockParam>()
  for (const list of [shared, own]) {
    for (const raw of Array.isArray(list) ? list : []) {
      const p = resolveRef(document, raw)
      if (!p || typeof p.name !== 'string' || !['path', 'query', 'header', 'cookie'].includes(p.in as string)) continue
      const location = p.in as MockParam['in']
      const param: MockParam = {
        name: location === 'header' ? p.name.toLowerCase() : p.name,
        in: location,
        required: p.required === true || location === 'path',
      }
      if (p.schema !== undefined) param.schema = linkRefs(p.schema)
      byKey.set(`${location} ${param.name}`, param)
    }
  }
  return [...byKey.values()]
}

function requestBody(document: JsonObject, raw: unknown): MockRoute['body'] {
  const body = resolveRef(document, raw)
  if (!body || !isObject(body.content)) return undefined
  const contentTypes = Object.keys(body.content)
  const json = contentTypes.find(isJson)
  const media = json === undefined ? undefined : resolveRef(document, body.content[json])
  const out: NonNullable<MockRoute['body']> = { required: body.required === true, contentTypes }
  if (media?.schema !== undefined) out.schema = linkRefs(media.schema)
  return out
}

/** The lowest 2xx (then `default` as 200, then the lowest status), with JSON preferred among its media. */
function response(document: JsonObject, raw: unknown): MockResponse {
  const responses = isObject(raw) ? raw : {}
  const codes = Object.keys(responses)
  const success = codes.filter((c) => /^2\d\d$/.test(c)).sort()[0]
  const code = success ?? (codes.includes('default') ? 'default' : codes.filter((c) => /^\d{3}$/.test(c)).sort()[0])
  if (code === undefined) return { status: 204 }
  const status = code === 'default' ? 200 : Number(code)
  const resolved = resolveRef(document, responses[code])
  const content = isObject(resolved?.content) ? resolved.content : {}
  const types = Object.keys(content)
  const contentType = types.find(isJson) ?? types[0]
  if (contentType === undefined) return { status }
  const media = resolveRef(document, content[contentType]) ?? {}
  const body = sampleMedia(document, media)
  return body === undefined ? { status, contentType } : { status, contentType, body }
}

/** The schema of the chosen response's media type, when it has no example of its own. */
function responseSchema(document: JsonObject, raw: unknown, chosen: MockResponse): unknown {
  if (chosen.contentType === undefined || !isObject(raw)) return undefined
  const code = Object.keys(raw).find((c) => (c === 'default' ? 200 : Number(c)) === chosen.status)
  const content = resolveRef(document, code === undefined ? undefined : raw[code])?.content
  const media = isObject(content) ? resolveRef(document, content[chosen.contentType]) : undefined
  if (!media || 'example' in media || 'examples' in media) return undefined
  return media.schema === undefined ? undefined : linkRefs(media.schema)
}

function sameRef(a: unknown, b: unknown): boolean {
  return isObject(a) && isObject(b) && typeof a.$ref === 'string' && a.$ref === b.$ref
}

function serverUrl(server: JsonObject): string {
  const vars = isObject(server.variables) ? server.variables : {}
  return (server.url as string).replace(/\{([^}]+)\}/g, (whole, name: string) => {
    const variable = vars[name]
    return isObject(variable) && typeof variable.default === 'string' ? variable.default : whole
  })
}

/** Internal `$ref`s point into the document registered under DOC_ID, where the validator finds them. */
function linkRefs(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(linkRefs)
  if (!isObject(value)) return value
  const out: JsonObject = {}
  for (const [key, child] of Object.entries(value)) {
    out[key] = key === '$ref' && typeof child === 'string' && child.startsWith('#/') ? `${DOC_ID}${child}` : linkRefs(child)
  }
  return out
}
