import { mkdir, readFile, rm, writeFile } from 'node:fs/promises'
import { join, resolve } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import networking from '../../../src/index'

const ROOT = resolve(__dirname, '../../..')
const OUT = resolve(__dirname, '../../.tmp/watch')

/** A document split over two files, so both the entry and a file it `$ref`s can break. */
const ENTRY = `openapi: 3.0.3
info: { title: watched, version: '1' }
paths:
  /pets:
    get:
      operationId: listPets
      responses:
        '200':
          description: ok
          content:
            application/json:
              schema: { $ref: './pet.yaml#/Pet' }
`
const PET = `Pet:
  type: object
  properties:
    name: { type: string }
`
const MAIN = `import * as pets from 'virtual:api/pets'\nexport const names = Object.keys(pets).sort()\n`

interface Outcome {
  errors: string[]
  code: string
}

interface Watching {
  close(callback: () => void): void
}

/**
 * Runs a webpack or rspack compiler in watch mode through its Node API and collects every build's
 * outcome; `next(predicate)` waits for the first build (seen or to come) that satisfies it, so the
 * test waits on the bundler's events, whatever the machine's load.
 */
async function startWatching(kind: 'webpack' | 'rspack', dir: string) {
  const config = {
    mode: 'development' as const,
    context: dir,
    entry: join(dir, 'main.js'),
    target: 'node20',
    devtool: false as const,
    experiments: { outputModule: true },
    output: { path: join(dir, 'dist'), filename: 'main.mjs', library: { type: 'module' }, module: true, chunkFormat: 'module' as const },
    resolve: { modules: [join(ROOT, 'test/fixtures/node_modules'), 'node_modules'] },
    infrastructureLogging: { level: 'none' as const },
    stats: 'none' as const,
  }
  const options = { apis: { pets: './api.yaml' }, dts: false as const, cacheDir: false as const }
  const compiler =
    kind === 'webpack'
      ? (await import('webpack')).default({ ...config, plugins: [networking.webpack(options)] } as never)
      : (await import('@rspack/core')).rspack({ ...config, plugins: [networking.rspack(options)] } as never)
  const outcomes: Outcome[] = []
  const waiters: Array<() => void> = []
  const watching = (
    compiler as {
      watch(
        options: object,
        handler: (error: Error | null, stats?: { hasErrors(): boolean; toJson(o: object): { errors?: { message: string }[] } }) => void,
      ): Watching
    }
  ).watch({ aggregateTimeout: 50 }, (error, stats) => {
    const errors = error ? [error.message] : stats?.hasErrors() ? (stats.toJson({ all: false, errors: true }).errors ?? []).map((e) => e.message) : []
    readFile(join(dir, 'dist/main.mjs'), 'utf8')
      .catch(() => '')
      .then((code) => {
        outcomes.push({ errors, code })
        for (const wake of waiters.splice(0)) wake()
      })
  })
  let seen = 0
  /** The next build from now on that satisfies `predicate` (earlier builds are skipped). */
  const next = async (predicate: (outcome: Outcome) => boolean): Promise<Outcome> => {
    for (;;) {
      while (seen < outcomes.length) {
        const outcome = outcomes[seen++]!
        if (predicate(outcome)) return outcome
      }
      await new Promise<void>((wake) => waiters.push(wake))
    }
  }
  const mark = (): void => {
    seen = outcomes.length
  }
  return { next, mark, close: () => new Promise<void>((done) => watching.close(done)) }
}

let close: (() => Promise<void>) | undefined
afterEach(async () => {
  await close?.()
  close = undefined
})

describe.each(['webpack', 'rspack'] as const)('%s --watch', (kind) => {
  it('rebuilds when a broken document, or a file it $refs, is fixed', async () => {
    const dir = join(OUT, kind)
    await rm(dir, { recursive: true, force: true })
    await mkdir(dir, { recursive: true })
    await writeFile(join(dir, 'api.yaml'), ENTRY)
    await writeFile(join(dir, 'pet.yaml'), PET)
    await writeFile(join(dir, 'main.js'), MAIN)
    const watcher = await startWatching(kind, dir)
    close = watcher.close
    const ok = (outcome: Outcome): boolean => outcome.errors.length === 0
    const failed = (outcome: Outcome): boolean => outcome.errors.length > 0

    expect((await watcher.next(ok)).code).toContain('listPets')

    // The entry breaks, then is fixed with a renamed operation: the fix alone must rebuild.
    watcher.mark()
    await writeFile(join(dir, 'api.yaml'), ENTRY.replace('paths:', 'paths: [oops'))
    expect((await watcher.next(failed)).errors.join('\n')).toContain('api.yaml')
    watcher.mark()
    await writeFile(join(dir, 'api.yaml'), ENTRY.replace('listPets', 'listAllPets'))
    expect((await watcher.next(ok)).code).toContain('listAllPets')

    // The same for a file only reached through a $ref.
    watcher.mark()
    await writeFile(join(dir, 'pet.yaml'), PET.replace('type: object', 'type: [object'))
    expect((await watcher.next(failed)).errors.join('\n')).toContain('pet.yaml')
    watcher.mark()
    await writeFile(join(dir, 'pet.yaml'), PET)
    expect((await watcher.next(ok)).code).toContain('listAllPets')
  }, 240_000)
})
