import { readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { dirname, join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { PARSER_RULES_VERSION } from '../../../src/spec/quick-verdict'

const ROOT = join(import.meta.dirname, '../../..')
const PARSER = '@readme/openapi-parser'

/** The package.json of the parser as this project resolves it (its exports map hides package.json). */
function installedVersion(): string {
  const entry = createRequire(join(ROOT, 'package.json')).resolve(PARSER)
  let dir = dirname(entry)
  for (;;) {
    try {
      const manifest = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as { name?: string; version: string }
      if (manifest.name === PARSER) return manifest.version
    } catch {
      // not the package's root yet
    }
    const up = dirname(dir)
    if (up === dir) throw new Error(`no package.json of ${PARSER} above ${entry}`)
    dir = up
  }
}

// The quick verdict repeats the parser's rules (docs/decisions/quick-verdict.md): a different
// release could add or change one, and the quick path would then accept what the parser refuses.
describe('the @readme/openapi-parser the quick verdict was written for', () => {
  it('is pinned exactly in package.json', () => {
    const manifest = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { dependencies: Record<string, string> }
    expect(manifest.dependencies[PARSER]).toBe(PARSER_RULES_VERSION)
  })

  it('is the one installed', () => {
    expect(installedVersion()).toBe(PARSER_RULES_VERSION)
  })
})
