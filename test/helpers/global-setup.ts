import { execFileSync } from 'node:child_process'
import { createHash } from 'node:crypto'
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs'
import { dirname, join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..')

/**
 * Runs once per `vitest run`. Builds dist/ (the package as users get it) when its inputs changed,
 * and links test/fixtures/node_modules/@codomyrmex/networking to the repo root, so every bundler
 * test resolves `@codomyrmex/networking/runtime` through the real exports map.
 */
export default function setup(): void {
  buildDistIfStale()
  linkFixturePackage()
}

function buildDistIfStale(): void {
  const dist = join(ROOT, 'dist')
  const stampFile = join(dist, '.inputs-hash')
  const stamp = inputsHash()
  if (existsSync(stampFile) && readFileSync(stampFile, 'utf8') === stamp) return
  // Build aside, then swap: other test runs in this checkout may be importing from dist/ right now.
  const scratch = join(ROOT, `.dist-${process.pid}`)
  rmSync(scratch, { recursive: true, force: true })
  execFileSync(process.execPath, [join(ROOT, 'node_modules/tsdown/dist/run.mjs'), '--log-level', 'error'], {
    cwd: ROOT,
    stdio: 'inherit',
    env: { ...process.env, CODOMYRMEX_DIST_DIR: scratch },
  })
  writeFileSync(join(scratch, '.inputs-hash'), stamp)
  const old = join(ROOT, `.dist-old-${process.pid}`)
  if (existsSync(dist)) renameSync(dist, old)
  renameSync(scratch, dist)
  rmSync(old, { recursive: true, force: true })
}

function inputsHash(): string {
  const hash = createHash('sha256')
  const visit = (path: string): void => {
    if (!existsSync(path)) return
    const stat = statSync(path)
    if (stat.isDirectory()) {
      for (const name of readdirSync(path).sort()) visit(join(path, name))
      return
    }
    hash.update(path).update(readFileSync(path))
  }
  for (const input of ['src', 'runtime', 'tsdown.config.ts', 'package.json', 'scripts/build-spec-validators.mjs']) visit(join(ROOT, input))
  return hash.digest('hex')
}

function linkFixturePackage(): void {
  const scope = join(ROOT, 'test/fixtures/node_modules/@codomyrmex')
  const link = join(scope, 'networking')
  if (existsSync(link)) return
  mkdirSync(scope, { recursive: true })
  try {
    symlinkSync(ROOT, link, 'junction')
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error
  }
}
