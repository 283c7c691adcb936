import type { ApiDef, OAuthFlowDef, SecurityRequirement, SecuritySchemeDef, ServerDef } from '../../runtime/api/types'
import { isObject, resolveRef, type JsonObject, type OpenApiDocument } from '../spec/document'

/** The document-level facts `createApi` receives: servers, security schemes, default security. */
export function buildApiDef(name: string, document: OpenApiDocument): ApiDef {
  const def: ApiDef = { name }
  const servers = buildServers(document.servers)
  if (servers) def.servers = servers
  const schemes = buildSecuritySchemes(document)
  if (Object.keys(schemes).length > 0) def.securitySchemes = schemes
  const security = buildSecurity(document.security)
  if (security) def.security = security
  return def
}

export function buildServers(value: unknown): ServerDef[] | undefined {
  if (!Array.isArray(value) || value.length === 0) return undefined
  return value.filter(isObject).map((server) => {
    const def: ServerDef = { url: String(server.url ?? '/') }
    if (typeof server.description === 'string') def.description = server.description
    if (isObject(server.variables)) {
      def.variables = {}
      for (const [key, variable] of Object.entries(server.variables)) {
        if (!isObject(variable)) continue
        const entry: { default: string; enum?: string[] } = { default: String(variable.default ?? '') }
        if (Array.isArray(variable.enum)) entry.enum = variable.enum.map(String)
        def.variables[key] = entry
      }
    }
    return def
  })
}

export function buildSecurity(value: unknown): SecurityRequirement[] | undefined {
  if (!Array.isArray(value)) return undefined
  return value.filter(isObject).map((requirement) => {
    const out: SecurityRequirement = {}
    for (const [scheme, scopes] of Object.entries(requirement)) {
      out[scheme] = Array.isArray(scopes) ? scopes.map(String) : []
    }
    return out
  })
}

export function buildSecuritySchemes(document: OpenApiDocument): Record<string, SecuritySchemeDef> {
  const out: Record<string, SecuritySchemeDef> = {}
  const schemes = isObject(document.components) ? document.components.securitySchemes : undefined
  if (!isObject(schemes)) return out
  for (const [name, raw] of Object.entries(schemes)) {
    const scheme = resolveRef(document, raw)
    const def = scheme && toSchemeDef(scheme)
    if (def) out[name] = def
  }
  return out
}

function toSchemeDef(scheme: JsonObject): SecuritySchemeDef | undefined {
  switch (scheme.type) {
    case 'apiKey': {
      const where = scheme.in === 'query' || scheme.in === 'cookie' ? scheme.in : 'header'
      return { type: 'apiKey', in: where, name: String(scheme.name ?? '') }
    }
    case 'http': {
      const def: SecuritySchemeDef = { type: 'http', scheme: String(scheme.scheme ?? '').toLowerCase() }
      if (typeof scheme.bearerFormat === 'string') def.bearerFormat = scheme.bearerFormat
      return def
    }
    case 'oauth2': {
      const flows: Extract<SecuritySchemeDef, { type: 'oauth2' }>['flows'] = {}
      const raw = isObject(scheme.flows) ? scheme.flows : {}
      for (const flow of ['clientCredentials', 'authorizationCode', 'password', 'implicit'] as const) {
        const value = raw[flow]
        if (isObject(value)) flows[flow] = toFlow(value)
      }
      return { type: 'oauth2', flows }
    }
    case 'openIdConnect':
      return { type: 'openIdConnect', openIdConnectUrl: String(scheme.openIdConnectUrl ?? '') }
    case 'mutualTLS':
      return { type: 'mutualTLS' }
    default:
      return undefined
  }
}

function toFlow(flow: JsonObject): OAuthFlowDef {
  const out: OAuthFlowDef = {}
  for (const key of ['authorizationUrl', 'tokenUrl', 'refreshUrl'] as const) {
    const value = flow[key]
    if (typeof value === 'string') out[key] = value
  }
  if (isObject(flow.scopes)) {
    out.scopes = Object.fromEntries(Object.entries(flow.scopes).map(([k, v]) => [k, String(v)]))
  }
  return out
}
