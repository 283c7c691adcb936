import { execFileSync } from 'node:child_process'
import { createHash } from 'node:crypto'
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs'
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
  const stampFile = join(ROOT, 'dist/.inputs-hash')
  const stamp = inputsHash()
  if (existsSync(stampFile) && readFileSync(stampFile, 'utf8') === stamp) return
  const tsdown = join(ROOT, 'node_modules/tsdown/dist/run.mjs')
  if (hasFlock()) {
    // Parallel vitest runs in one checkout would otherwise empty dist/ under each other.
    const script = `rm -rf dist/plugin dist/runtime && "${process.execPath}" "${tsdown}" --log-level error`
    execFileSync('flock', ['/tmp/codomyrmex-networking-dist.lock', 'sh', '-c', script], { cwd: ROOT, stdio: 'inherit' })
  } else {
    rmSync(join(ROOT, 'dist'), { recursive: true, force: true })
    execFileSync(process.execPath, [tsdown, '--log-level', 'error'], { cwd: ROOT, stdio: 'inherit' })
  }
  writeFileSync(stampFile, stamp)
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
  for (const input of ['src', 'runtime', 'tsdown.config.ts', 'package.json']) visit(join(ROOT, input))
  return hash.digest('hex')
}

function hasFlock(): boolean {
  try {
    execFileSync('flock', ['--version'], { stdio: 'ignore' })
    return true
  } catch {
    return false
  }
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
