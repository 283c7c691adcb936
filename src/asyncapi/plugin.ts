import { readFile } from 'node:fs/promises'
import { SpecError, type Problem } from '../errors'
import { cacheKey, stampFiles, type CacheEntry } from '../core/cache'
import type { ResolvedApi, ResolvedOptions } from '../core/options'
import { isRemote } from '../spec/remote'
import { isAsyncApiText } from './detect'
import { generateWsApi, type GeneratedWsApi } from './generate'
import { prepareAsyncApi } from './prepare'

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
  return { sources: prepared.sources, warnings: prepared.warnings, output: await generateWsApi(prepared.document, prepared.model) }
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
    // No hot variant or query module for WebSocket APIs yet: the dev server reloads the page.
    hot: output.code,
    ambient: output.ambient,
    standalone: output.standalone,
    query: '',
    queryAmbient: '',
    warnings: prepared.warnings,
  }
}
