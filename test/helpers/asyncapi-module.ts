/**
 * The module the plugin generates for an AsyncAPI document, written to test/.tmp and imported with
 * the runtime from source (so coverage counts): what connect.test.ts runs the runtime on.
 */
import { mkdir, writeFile } from 'node:fs/promises'
import { basename, join, resolve } from 'node:path'
import type { WsApiConnection } from '../../runtime/index'
import type { WsMessageDef } from '../../runtime/internal'
import { buildWsModule } from '../../src/asyncapi/codegen'
import { prepareAsyncApi } from '../../src/asyncapi/prepare'
import { RUNTIME_ID, RUNTIME_INTERNAL_ID } from '../../src/codegen/banner'

const RUNTIME = resolve(__dirname, '../../runtime/index.ts')
const RUNTIME_INTERNAL = resolve(__dirname, '../../runtime/internal.ts')
const OUT = resolve(__dirname, '../.tmp/asyncapi-modules')

export interface GeneratedWsModule {
  connect(options?: Record<string, unknown>): Promise<WsApiConnection>
  connectWith(messages: WsMessageDef[], options?: Record<string, unknown>): Promise<WsApiConnection>
  [message: string]: unknown
}

export async function generatedModule(file: string, perspective?: 'client' | 'server', allowRefsFrom?: string[]): Promise<GeneratedWsModule> {
  const prepared = await prepareAsyncApi('test', file, {
    allowRemote: [],
    ...(perspective ? { perspective } : {}),
    ...(allowRefsFrom ? { allowRefsFrom } : {}),
  })
  const code = buildWsModule(prepared.model)
    .replaceAll(JSON.stringify(RUNTIME_INTERNAL_ID), JSON.stringify(RUNTIME_INTERNAL))
    .replaceAll(JSON.stringify(RUNTIME_ID), JSON.stringify(RUNTIME))
  await mkdir(OUT, { recursive: true })
  const out = join(OUT, `${basename(file)}-${perspective ?? 'auto'}.mjs`)
  await writeFile(out, code)
  return (await import(out)) as GeneratedWsModule
}
