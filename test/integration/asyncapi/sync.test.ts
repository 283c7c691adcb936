import { execFile } from 'node:child_process'
import { copyFile, mkdir, mkdtemp, readFile, symlink, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { promisify } from 'node:util'
import { describe, expect, it } from 'vitest'
import { runCliIn } from '../../helpers/cli'
import { writeStrictProgram } from '../../helpers/strict-program'

/**
 * `codomyrmex-api sync` writes the declarations of AsyncAPI documents too (issue 14), in the same
 * file as OpenAPI ones, and a strict `tsc` accepts an app that uses them (and rejects misuse).
 */
const ROOT = resolve(__dirname, '../../..')
const CORPUS = resolve(__dirname, '../../fixtures/corpus/asyncapi')
const DOCS = {
  slack: 'spec-slack-rtm-asyncapi.yml',
  kraken: 'spec-kraken-websocket-request-reply-message-filter-in-reply-asyncapi.yml',
  streetlights: 'spec-streetlights-mqtt-asyncapi.yml',
}

async function project(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'codomyrmex-asyncapi-sync-'))
  await mkdir(join(dir, 'apis'))
  for (const [name, file] of Object.entries(DOCS)) await copyFile(join(CORPUS, file), join(dir, 'apis', `${name}.yml`))
  await copyFile(join(ROOT, 'test/fixtures/vite-sync-app/openapi/petstore.yaml'), join(dir, 'apis/pets.yaml'))
  const apis = Object.fromEntries([...Object.keys(DOCS).map((n) => [n, `./apis/${n}.yml`]), ['pets', './apis/pets.yaml']])
  await writeFile(join(dir, 'networking.config.mjs'), `export default ${JSON.stringify({ apis, dts: 'types/apis.d.ts' })}\n`)
  await mkdir(join(dir, 'node_modules/@codomyrmex'), { recursive: true })
  await symlink(ROOT, join(dir, 'node_modules/@codomyrmex/networking'), 'junction')
  return dir
}

const APP = `import slack, { connectWith, message, outgoingMessage } from 'virtual:api/slack'
import kraken, { connectWith as krakenWith, ping } from 'virtual:api/kraken'
import type { Ping } from 'virtual:api/kraken'
import pets from 'virtual:api/pets'

export async function main(url: string): Promise<string | undefined> {
  const one = await connectWith([message, outgoingMessage], { url, auth: { token: 'xoxb' } })
  one.send.outgoingMessage({ id: 1, type: 'message', channel: 'C1', text: 'hi' })
  // @ts-expect-error: hello is a message of the document, not of this connection
  one.receive('hello')
  const all = await slack.connect({ url })
  for await (const hello of all.receive('hello')) void hello
  const request: Ping = { event: 'ping', reqid: 1 }
  const k = await krakenWith([ping], { url })
  const pong: 'pong' | undefined = (await k.request.ping(request)).event
  // @ts-expect-error: the payload is checked
  await kraken.connect({ url }).then((c) => c.send.ping({ event: 'pong' }))
  void pong
  void pets
  for await (const m of one.receive('message')) return m.text
  return undefined
}
`

describe('codomyrmex-api sync with AsyncAPI documents', () => {
  it('writes their declarations next to the OpenAPI ones; tsc --strict accepts an app using them', async () => {
    const dir = await project()
    const synced = await runCliIn(dir, 'sync', '--config', 'networking.config.mjs')
    expect(synced).toEqual({ code: 0, out: ['wrote types/apis.d.ts'], err: [] })
    const dts = await readFile(join(dir, 'types/apis.d.ts'), 'utf8')
    for (const name of ['slack', 'kraken', 'streetlights', 'pets']) expect(dts).toContain(`declare module "virtual:api/${name}" {`)
    expect(dts).toContain('export const message: __Message<"message", "receive">')
    expect(dts).toContain('export function connectWith<M extends readonly __Message[]>')
    await writeFile(join(dir, 'app.ts'), APP)
    await writeStrictProgram(dir, ['types/apis.d.ts', 'app.ts'])
    const tsc = join(ROOT, 'node_modules/typescript/bin/tsc')
    const result = await promisify(execFile)(process.execPath, [tsc, '-p', join(dir, 'tsconfig.json')], { cwd: dir }).catch((error: { stdout: string }) => ({
      stdout: error.stdout,
    }))
    expect(result.stdout).toBe('')
    // And the check can fail: a message the document does not have.
    await writeFile(join(dir, 'app.ts'), `import { nope } from 'virtual:api/slack'\nvoid nope\n`)
    const bad = await promisify(execFile)(process.execPath, [tsc, '-p', join(dir, 'tsconfig.json')], { cwd: dir }).catch((error: { stdout: string }) => ({
      stdout: error.stdout,
    }))
    expect(bad.stdout).toContain(`has no exported member 'nope'`)
    expect(await runCliIn(dir, 'sync', '--config', 'networking.config.mjs')).toEqual({ code: 0, out: ['unchanged types/apis.d.ts'], err: [] })
  }, 120_000)
})
