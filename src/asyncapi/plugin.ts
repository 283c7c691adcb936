import { readFile } from 'node:fs/promises'
import { SpecError, type Problem } from '../errors'
import { cacheKey, stampFiles, type CacheEntry } from '../core/cache'
import type { ResolvedApi, ResolvedOptions } from '../core/options'
import { isRemote } from '../spec/remote'
import { isAsyncApiText } from './detect'
import { wsHotModule } from './hot'
import { buildWsModule } from './codegen'
import { generateWsApi, type GeneratedWsApi } from './generate'
import { prepareAsyncApi } from './prepare'
import { buildWsMockSpec } from './mocks'
import type { AsyncApiModel } from './model'
import type { WsMockSpec } from '../mock/ws-spec'

/** True when a local document is AsyncAPI (by content); remote documents are read as OpenAPI. */
export async function isAsyncApiFile(spec: string): Promise<boolean> {
  if (isRemote(spec)) return false
  const text = await readFile(spec, 'utf8').catch(() => '')
  return isAsyncApiText(text)
}

/** Module and declarations of an AsyncAPI document (plugin and CLI), with located warnings. */
export async function generateAsyncApiFiles(
  api: ResolvedApi,
  options: Pick<ResolvedOptions, 'allowRemote' | 'allowRefsFrom'>,
): Promise<{ sources: Map<string, string>; warnings: Problem[]; output: GeneratedWsApi }> {
  let prepared
  try {
    prepared = await prepareAsyncApi(api.name, api.spec, {
      allowRemote: options.allowRemote,
      allowRefsFrom: options.allowRefsFrom,
      ...(api.perspective ? { perspective: api.perspective } : {}),
    })
  } catch (error) {
    // The shared loader names OpenAPI in its message; the problems are the same.
    if (error instanceof SpecError && !error.message.includes('AsyncAPI'))
      throw new SpecError(api.name, error.problems, { cause: error.cause, kind: 'AsyncAPI' })
    throw error
  }
  const output = await generateWsApi(prepared.document, prepared.model)
  // Only the code points at `baseUrl`: the declarations stay the document's, the same in the dev
  // server (where the dev mock sets it) as in the build.
  if (api.baseUrl !== undefined) output.code = buildWsModule(withBaseUrl(prepared.model, api.baseUrl))
  return { sources: prepared.sources, warnings: prepared.warnings, output }
}

/**
 * `baseUrl` in place of every server's URL (the Vite dev mock sets `/__api/<name>`; a path is
 * resolved against the page's origin by the client). The server names stay, so `server` still checks.
 */
function withBaseUrl(model: AsyncApiModel, baseUrl: string): AsyncApiModel {
  if (model.noClient) return model
  const servers = model.servers.length > 0 ? model.servers : [{ name: 'mock', url: '', variables: {}, security: [] }]
  return { ...model, servers: servers.map((s) => ({ ...s, url: baseUrl, variables: {} })) }
}

/** The mock data of an AsyncAPI document (`virtual:api/<name>/mocks` and the dev mock). */
export async function asyncApiMockSpec(api: ResolvedApi, options: Pick<ResolvedOptions, 'allowRemote' | 'allowRefsFrom'>): Promise<WsMockSpec> {
  const prepared = await prepareAsyncApi(api.name, api.spec, {
    allowRemote: options.allowRemote,
    allowRefsFrom: options.allowRefsFrom,
    ...(api.perspective ? { perspective: api.perspective } : {}),
  })
  return buildWsMockSpec(api.name, prepared.document, prepared.model, api.baseUrl)
}

/** The plugin's cache entry for an AsyncAPI document: the same shape, cache and declaration file as OpenAPI ones. */
export async function asyncApiEntry(api: ResolvedApi, options: ResolvedOptions, key: unknown): Promise<CacheEntry> {
  const { sources, warnings, output } = await generateAsyncApiFiles(api, options)
  const prepared = { sources, warnings }
  const files = [...prepared.sources.keys()]
  return {
    key: cacheKey(key, prepared.sources),
    optionsKey: JSON.stringify(key),
    files,
    stamps: await stampFiles(files),
    code: output.code,
    // No query module for WebSocket APIs; the hot variant keeps open connections on the new document.
    hot: wsHotModule(output.code, api.name),
    ambient: output.ambient,
    standalone: output.standalone,
    query: '',
    queryAmbient: '',
    warnings: prepared.warnings,
  }
}
