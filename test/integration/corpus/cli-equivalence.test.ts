import { mkdir, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises'
import { basename, join, resolve } from 'node:path'
import { beforeAll, describe, expect, it } from 'vitest'
import { runCli } from '../../../src/cli/run'
import { ApiContext } from '../../../src/core/context'
import { resolveOptions, type ApiOptions } from '../../../src/core/options'

/**
 * The CLI and the plugin run one pipeline (src/core/pipeline.ts): over every valid document of the
 * corpus, `codomyrmex-api generate --config` writes byte for byte the module and declarations the
 * plugin serves, for the whole document and for a subset of its operations.
 */
const CORPUS = resolve(__dirname, '../../fixtures/corpus/openapi')
const WORK = resolve(__dirname, '../../.tmp/cli-equivalence')
const SPLIT = 'oai-v2-petstore-separate/spec/swagger.yaml'
const LARGE = 1_000_000

const nameOf = (file: string): string =>
  basename(file)
    .replace(/\.(ya?ml|json)$/, '')
    .replace(/[^\w-]/g, '_')

let documents: string[]

beforeAll(async () => {
  await rm(WORK, { recursive: true, force: true })
  await mkdir(WORK, { recursive: true })
  documents = [...(await readdir(CORPUS)).filter((f) => /\.(ya?ml|json)$/.test(f)), SPLIT].sort()
})

/** Runs both sides on the same options and returns the names compared. */
async function compare(apis: Record<string, ApiOptions>, label: string): Promise<string[]> {
  const config = { apis, allowRefsFrom: [join(CORPUS, 'oai-v2-petstore-separate/common')], out: label }
  await writeFile(join(WORK, `${label}.json`), JSON.stringify(config))
  const err: string[] = []
  const code = await runCli(['generate', '--config', `${label}.json`], { cwd: WORK, out: () => {}, err: (line) => err.push(line) })
  expect(code, err.filter((line) => !line.startsWith('warning:')).join('\n')).toBe(0)

  const { out: _out, ...options } = config
  const plugin = new ApiContext(resolveOptions({ ...options, dts: false, cacheDir: false }, WORK))
  const names = Object.keys(apis)
  for (const name of names) {
    const { code: module } = await plugin.load(name)
    expect(await readFile(join(WORK, label, `${name}.js`), 'utf8'), `${label}/${name}.js`).toBe(module)
    expect(await readFile(join(WORK, label, `${name}.d.ts`), 'utf8'), `${label}/${name}.d.ts`).toBe(plugin.declarations(name)?.standalone)
  }
  return names
}

describe('CLI output equals plugin output over the corpus', () => {
  it('for whole documents', async () => {
    const apis = Object.fromEntries(documents.map((file) => [nameOf(file), { spec: join(CORPUS, file) }]))
    expect(await compare(apis, 'whole')).toHaveLength(documents.length)
  }, 600_000)

  it('for the `operations` subset of the first and last operation of each document', async () => {
    const apis: Record<string, ApiOptions> = {}
    for (const file of documents) {
      // The three multi-megabyte documents already went through both sides whole; subsetting is the
      // same pipeline step for every size, and parsing them twice more is a third of this file's time.
      if ((await stat(join(CORPUS, file))).size > LARGE) continue
      // The ids as the whole module names them (operationId, or `GET /path`).
      const module = await readFile(join(WORK, 'whole', `${nameOf(file)}.js`), 'utf8')
      const ids = [...module.matchAll(/\$api\.operation\(\{"id":("(?:[^"\\]|\\.)*")/g)].map((m) => JSON.parse(m[1] as string) as string)
      if (ids.length === 0) continue
      apis[nameOf(file)] = { spec: join(CORPUS, file), operations: [...new Set([ids[0] as string, ids[ids.length - 1] as string])] }
    }
    const names = await compare(apis, 'subset')
    expect(names.length).toBeGreaterThanOrEqual(documents.length - 2 - 3)
    for (const name of names) {
      const module = await readFile(join(WORK, 'subset', `${name}.js`), 'utf8')
      expect(module.match(/\$api\.operation\(/g)?.length, name).toBe(apis[name]?.operations?.length)
    }
  }, 600_000)
})
